# bash completion for ejournal(1).
#
# Completes the global options, the commands and their sub-verbs, each command's
# options, and, from the journal, classes, subjects, pupils and staff logins. All
# of it comes from the binary on the line: the commands and global options from
# "ejournal --list", a command's options and arguments from its usage ("CMD -h"),
# the classes and subjects from "ejournal --list classes|subjects", the pupils from
# "student list CLASS --format tsv". The journal is the one the binary finds (-C DIR
# on the line, $EJOURNAL_DIR, the current directory upward), read as the user who
# completes, with his rights: a lookup that fails completes nothing, silently.
#
# Works with bash-completion (_init_completion) and without it.

# _ejournal_run ARGS...: runs the binary of the line for a lookup: English usage
# lines, no waiting for the journal's lock, nothing on the terminal.
_ejournal_run()
{
	LANGUAGE='' LC_ALL=C.UTF-8 EJOURNAL_LOCK_WAIT=0 "$_ej_bin" "$@" 2>/dev/null </dev/null
}

# _ejournal_journal ARGS...: a lookup in the journal: -C DIR and --year Y of the line go first.
_ejournal_journal()
{
	_ejournal_run "${_ej_global[@]}" "$@"
}

# _ejournal_dequote WORD: WORD as the shell would pass it, for the common forms
# (quotes, backslashes, a leading ~), without evaluating anything. Sets _ej_word.
_ejournal_dequote()
{
	local w=$1 out='' c
	case $w in
	\'*) w=${w#\'}; w=${w%\'} ;;
	\"*) w=${w#\"}; w=${w%\"}; w=${w//\\\"/\"} ;;
	*\\*)
		while [[ -n $w ]]; do
			c=${w:0:1}
			w=${w:1}
			if [[ $c == \\ ]]; then
				c=${w:0:1}
				w=${w:1}
			fi
			out+=$c
		done
		w=$out ;;
	esac
	case $w in
	\~) w=$HOME ;;
	\~/*) w=$HOME/${w#\~/} ;;
	esac
	_ej_word=$w
}

# _ejournal_add WORD...: adds the words that start with $_ej_cur to COMPREPLY.
_ejournal_add()
{
	local w
	for w in "$@"; do
		[[ $w == "$_ej_cur"* ]] && COMPREPLY+=("$w")
	done
}

# _ejournal_add_lines LOOKUP...: _ejournal_add of each line the lookup prints.
_ejournal_add_lines()
{
	local -a lines
	mapfile -t lines < <("$@")
	_ejournal_add "${lines[@]}"
}

# _ejournal_files [EXT]: files (only *.EXT, in any case, when given) and folders.
_ejournal_files()
{
	local f ext=${1,,}
	compopt -o filenames 2>/dev/null
	_ejournal_dequote "$_ej_cur"
	while IFS= read -r f; do
		if [[ -z $ext || -d $f || ${f,,} == *."$ext" ]]; then
			COMPREPLY+=("$f")
		fi
	done < <(compgen -f -- "$_ej_word")
}

# _ejournal_pupils CLASS|all SUFFIX: the pupils (who have not left) of the class as
# the tool finds them: the shortest unique start of "Фамилия Имя Отчество" (the
# surname, mostly), or what is typed of a longer form, or the id; each followed by
# SUFFIX ("=" for STUDENT=MARK, where the pupils already on the line are left out).
_ejournal_pupils()
{
	local suffix=$2 i cid=-1 cname=-1 cleft=-1 name two key form cur a
	local -a f names ids
	local -A typed=()
	# The fields are split at a separator that, unlike a tab, keeps the empty ones.
	{
		IFS=$'\037' read -r -a f || return
		for i in "${!f[@]}"; do
			case ${f[i]} in
			id) cid=$i ;;
			name) cname=$i ;;
			left) cleft=$i ;;
			esac
		done
		((cid >= 0 && cname >= 0)) || return
		# In byte order, the names a form starts are next to each other.
		while IFS=$'\t' read -r name a; do
			names+=("$name")
			ids+=("$a")
		done < <(while IFS=$'\037' read -r -a f; do
			((cleft >= 0)) && [[ -n ${f[cleft]} ]] && continue
			printf '%s\t%s\n' "${f[cname]}" "${f[cid]}"
		done | LC_ALL=C sort)
	} < <(_ejournal_journal student list "$1" --format tsv | tr '\t' '\037')
	if [[ -n $suffix ]]; then
		for a in "${args[@]}"; do
			[[ $a == *=* ]] || continue
			_ejournal_dequote "${a%%=*}"
			[[ -n $_ej_word ]] && typed[${_ej_word,,}]=1
		done
	fi
	# What is typed, without its quote or backslashes, in any case.
	_ejournal_dequote "$_ej_cur"
	cur=${_ej_word,,}
	for i in "${!names[@]}"; do
		name=${names[i]}
		# Every form starts the full name (or is the id).
		[[ ${name,,} == "$cur"* || ${ids[i]} == "$cur"* ]] || continue
		two=${name%% *}
		a=${name#"$two"}
		a=${a# }
		[[ -n $a ]] && two+=" ${a%% *}"
		key=$name
		for form in "${name%% *}" "$two"; do
			if [[ ${names[i - 1]-} != "$form"* || i -eq 0 ]] && [[ ${names[i + 1]-} != "$form"* ]]; then
				key=$form
				break
			fi
		done
		[[ -n ${typed[${key,,}]-} || -n ${ids[i]} && -n ${typed[${ids[i]}]-} ]] && continue
		for form in "$key" "$two" "$name" "${ids[i]}"; do
			((${#form} >= ${#key})) || [[ $form == "${ids[i]}" ]] || continue
			if [[ ${form,,} == "$cur"* ]]; then
				[[ $_ej_cur == [\"\']* ]] || form=${form// /\\ }
				COMPREPLY+=("$form$suffix")
				break
			fi
		done
	done
	[[ -n $suffix ]] && compopt -o nospace 2>/dev/null
}

# _ejournal_values SPEC OPTION: completes a value named SPEC in a usage line
# ("CLASS", "CLASS|all", "STUDENT=MARK...", "м|ж", "FILE.pdf"), or the value of
# OPTION (--class C, --teacher L).
_ejournal_values()
{
	local opt=$2 alt
	local -a alts
	IFS='|' read -r -a alts <<<"${1%...}"
	for alt in "${alts[@]}"; do
		case $opt:$alt in
		*:[[:lower:]]*)
			_ejournal_add "$alt" ;;
		--class:* | *:CLASS | *:CLASS2)
			_ejournal_add_lines _ejournal_journal --list classes ;;
		--subject:* | *:SUBJECT)
			_ejournal_add_lines _ejournal_journal --list subjects ${_ej_class:+"$_ej_class"} ;;
		--teacher:* | --user:* | --by:* | :LOGIN)
			# staff add names a new login.
			[[ $_ej_leaf == "staff add" ]] ||
				_ejournal_add_lines _ejournal_staff ;;
		:STUDENT | :STUDENT=*)
			[[ $_ej_cur == *=* ]] ||
				_ejournal_pupils "${_ej_class:-all}" "${alt:7:1}" ;;
		*:COMMAND)
			_ejournal_add_lines _ejournal_commands ;;
		*:DIR)
			compopt -o filenames 2>/dev/null
			_ejournal_dequote "$_ej_cur"
			mapfile -t -O ${#COMPREPLY[@]} COMPREPLY < <(compgen -d -- "$_ej_word") ;;
		*:FILE)
			_ejournal_files ;;
		*:FILE.*)
			_ejournal_files "${alt#FILE.}" ;;
		esac
	done
}

# _ejournal_staff: the staff's logins.
_ejournal_staff()
{
	_ejournal_journal staff list --format tsv | awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "login") c = i; next } c { print $c }'
}

# _ejournal_commands: the commands.
_ejournal_commands()
{
	_ejournal_run --list commands | cut -d' ' -f1 | uniq
}

# _ejournal_words: what _init_completion -n = sets, without bash-completion: the
# words of the line with "--year=Y" and "STUDENT=MARK" in one piece.
_ejournal_words()
{
	local i w
	words=()
	cword=0
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		if ((i > 0)) && [[ $w == = || ${COMP_WORDS[i - 1]} == = ]] && ((${#words[@]})); then
			words[${#words[@]} - 1]+=$w
		else
			words+=("$w")
		fi
		((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
	done
	cur=${words[cword]}
	prev=${words[cword - 1]}
}

# _ejournal_usage CMD [VERB]: reads the usage and options of a command from its
# -h: the options (_ej_optarg[NAME]=VALUE, "" for a flag) and, per position, the
# arguments the usage lines give (_ej_pos; _ej_rest for the position that repeats).
_ejournal_usage()
{
	local cmd=$1 verb=$2 line t i n name
	local -a tok
	while IFS= read -r line; do
		case $line in
		'    -'*)
			# "    -x, --name VALUE   help", "    --name VALUE   help", "    --flag   help"
			line=${line#    }
			line=${line#-?, }
			name=${line%% *}
			line=${line#"$name"}
			if [[ $line == ' '[^' ']* ]]; then
				line=${line# }
				_ej_optarg[$name]=${line%% *}
			else
				_ej_optarg[$name]=
			fi
			continue ;;
		'usage: ejournal '* | '   or: ejournal '*) ;;
		*) continue ;;
		esac
		read -r -a tok <<<"${line#*: ejournal }"
		[[ ${tok[0]} == "$cmd" ]] || continue
		if [[ -n $verb ]]; then
			# import's kinds are one alternative: "staff|subjects|...".
			[[ "|${tok[1]}|" == *"|$verb|"* ]] || continue
			i=2
		else
			[[ " $_ej_verbs " == *" ${tok[1]} "* ]] && continue
			i=1
		fi
		n=0
		for ((; i < ${#tok[@]}; i++)); do
			t=${tok[i]}
			if [[ $t == -[-[:alpha:]]* ]]; then
				if ((i + 1 < ${#tok[@]})) && [[ ${tok[i + 1]} != -* ]]; then
					[[ -v _ej_optarg[$t] ]] || _ej_optarg[$t]=${tok[i + 1]}
					((i++))
				else
					[[ -v _ej_optarg[$t] ]] || _ej_optarg[$t]=
				fi
				continue
			fi
			_ej_pos[n]+="|$t"
			[[ $t == *... ]] && _ej_rest=$n
			((n++))
		done
	done < <(_ejournal_run "$cmd" ${verb:+"$verb"} -h |
		# "Фамилия Имя Отчество" is one argument; brackets and alternatives of
		# options are only the usage's grammar.
		sed -e 's/"[^"]*"/NAME/g' -e 's/[][]//g' -e 's/|-/ -/g')
}

_ejournal()
{
	# shellcheck disable=SC2034 # prev: _init_completion sets it
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion -n = || return
	else
		_ejournal_words
	fi
	COMPREPLY=()

	local _ej_bin=${words[0]} _ej_cur=$cur _ej_cmd='' _ej_verb='' _ej_leaf='' _ej_verbs='' _ej_class=''
	local _ej_word _ej_rest=-1 _ej_pending='' i w name line
	local -a _ej_global=() _ej_pos=() args=() commands=()
	local -A _ej_gopt=() _ej_optarg=()
	_ejournal_dequote "$_ej_bin"
	_ej_bin=$_ej_word

	while IFS= read -r line; do
		name=${line%% *}
		[[ -n $name ]] || continue
		[[ $line == *' '* ]] && _ej_gopt[$name]=${line#* } || _ej_gopt[$name]=
	done < <(_ejournal_run --list options)
	((${#_ej_gopt[@]})) || return 0
	mapfile -t commands < <(_ejournal_run --list commands)

	# The global options, up to the command.
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		if [[ $w == -* && $w != *=* && -n ${_ej_gopt[$w]-} ]]; then
			if ((i + 1 == cword)); then
				_ej_pending=$w
			else
				((i++))
				_ejournal_dequote "${words[i]}"
				[[ $w == -C || $w == --year ]] && _ej_global+=("$w" "$_ej_word")
			fi
		elif [[ $w == --*=* ]]; then
			_ejournal_dequote "${w#*=}"
			[[ ${w%%=*} == --year ]] && _ej_global+=(--year "$_ej_word")
		elif [[ $w != -* ]]; then
			_ej_cmd=$w
			break
		fi
	done

	if [[ -z $_ej_cmd ]]; then
		if [[ -n $_ej_pending ]]; then
			_ejournal_values "${_ej_gopt[$_ej_pending]}" "$_ej_pending"
		elif [[ $cur == --*=* && -n ${_ej_gopt[${cur%%=*}]-} ]]; then
			_ejournal_joined "${_ej_gopt[${cur%%=*}]}"
		elif [[ $cur == -* ]]; then
			_ejournal_add "${!_ej_gopt[@]}"
		else
			_ejournal_add "${commands[@]%% *}"
		fi
		_ejournal_finish
		return 0
	fi

	# The command's sub-verbs; lesson, mark and attend are commands as well.
	local standalone=0
	for line in "${commands[@]}"; do
		[[ $line == "$_ej_cmd" ]] && standalone=1
		[[ $line == "$_ej_cmd "* ]] && _ej_verbs+=" ${line#* }"
	done
	if [[ -n $_ej_verbs ]]; then
		if ((i + 1 == cword)) && [[ $cur != -* ]]; then
			read -r -a args <<<"$_ej_verbs"
			_ejournal_add "${args[@]}"
			args=()
			((standalone)) || { _ejournal_finish; return 0; }
		elif ((i + 1 < cword)) && [[ " $_ej_verbs " == *" ${words[i + 1]} "* ]]; then
			_ej_verb=${words[i + 1]}
			((i++))
		elif ((!standalone)); then
			return 0
		fi
	fi
	_ej_leaf="$_ej_cmd${_ej_verb:+ $_ej_verb}"
	_ejournal_usage "$_ej_cmd" "$_ej_verb"

	# The command's arguments, up to the word completed.
	local only_args=0
	for ((i++; i < cword; i++)); do
		w=${words[i]}
		if ((only_args)) || [[ $w == - || $w != -* ]]; then
			args+=("$w")
		elif [[ $w == -- ]]; then
			only_args=1
		elif [[ $w != *=* ]] && [[ -n ${_ej_optarg[$w]-} || -n ${_ej_gopt[$w]-} ]]; then
			if ((i + 1 == cword)); then
				_ej_pending=$w
			fi
			((i++))
		fi
	done
	# The class the pupils and subjects are of: the CLASS argument.
	for i in "${!args[@]}"; do
		if [[ "${_ej_pos[i]}|" == *"|CLASS|"* ]]; then
			_ejournal_dequote "${args[i]}"
			_ej_class=$_ej_word
			break
		fi
	done

	if [[ -n $_ej_pending ]]; then
		_ejournal_values "${_ej_optarg[$_ej_pending]-${_ej_gopt[$_ej_pending]}}" "$_ej_pending"
	elif ((!only_args)) && [[ $cur == --*=* ]]; then
		name=${cur%%=*}
		_ejournal_joined "${_ej_optarg[$name]-${_ej_gopt[$name]-}}"
	elif ((!only_args)) && [[ $cur == -* ]]; then
		_ejournal_add "${!_ej_optarg[@]}"
	else
		i=${#args[@]}
		((_ej_rest >= 0 && i > _ej_rest)) && i=$_ej_rest
		w=${_ej_pos[i]-}
		local -a alts
		IFS='|' read -r -a alts <<<"${w#|}"
		for w in "${alts[@]}"; do
			_ejournal_values "$w" ""
		done
	fi
	_ejournal_finish
	return 0
}

# _ejournal_joined SPEC: completes "--opt=VALUE", VALUE as SPEC names it.
_ejournal_joined()
{
	local name=${_ej_cur%%=*} n=${#COMPREPLY[@]}
	_ej_cur=${_ej_cur#*=}
	_ejournal_values "$1" "$name"
	_ej_cur=$cur
	for ((; n < ${#COMPREPLY[@]}; n++)); do
		COMPREPLY[n]=$name=${COMPREPLY[n]}
	done
}

# _ejournal_finish: each completion once, of the word as bash splits it (after the
# "=" of "--opt=val" when "=" breaks words).
_ejournal_finish()
{
	local w prefix=''
	local -A seen=()
	local -a all=("${COMPREPLY[@]}")
	if [[ $_ej_cur == *=* && $COMP_WORDBREAKS == *=* ]]; then
		prefix=${_ej_cur%"${_ej_cur##*=}"}
	fi
	COMPREPLY=()
	for w in "${all[@]}"; do
		[[ -z $w || -n ${seen[$w]-} ]] && continue
		seen[$w]=1
		COMPREPLY+=("${w#"$prefix"}")
	done
}

complete -F _ejournal ejournal
