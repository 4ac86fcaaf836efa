#!/bin/sh
# Builds the example school's journal (МБОУ СОШ № 18, 2023-2024) through the CLI
# itself, step by step on the dates a real school would do them.
# usage: EJ=path/to/ejournal sh examples/school.sh DIR
set -eu
dir=${1:?usage: school.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
data=$here/data
EJ=${EJ:-ejournal}
export TZ=${TZ:-Asia/Yekaterinburg}
unset EJOURNAL_DIR

# at TIME LOGIN ARGS...: run one command as LOGIN at TIME.
at() {
	t=$1 u=$2
	shift 2
	EJOURNAL_NOW=$t EJOURNAL_USER=$u "$EJ" -q -C "$dir" "$@"
}

# The EJ administrator creates the journal and loads what the school gave him (seed 2.4).
EJOURNAL_NOW=2023-08-21T10:00:00+05:00 EJOURNAL_USER=sidorov "$EJ" -q init "$dir" \
	--school 'МБОУ «Средняя общеобразовательная школа № 18»' --short 'СОШ № 18' \
	--year 2023-2024 --name 'Сидоров Павел Андреевич'
at 2023-08-21T10:05:00+05:00 sidorov import year "$data/year.yaml"
at 2023-08-21T10:10:00+05:00 sidorov import staff "$data/staff.csv"
at 2023-08-21T10:15:00+05:00 sidorov import subjects "$data/subjects.csv"
at 2023-08-21T10:20:00+05:00 sidorov config set school.director tarasova
at 2023-08-21T10:20:30+05:00 sidorov config set school.deputies orlova
at 2023-08-22T09:00:00+05:00 sidorov import classes "$data/classes.csv"
at 2023-08-22T09:30:00+05:00 sidorov import curriculum "$data/curriculum.csv"
# The deputy made the timetable (seed 6.3).
at 2023-08-28T11:00:00+05:00 orlova import timetable "$data/timetable.csv"
# The secretary's class lists, by 5 September (seed 7.1), saved from Excel.
at 2023-08-30T14:00:00+05:00 petrova import students "$data/students.csv"

# Class teachers split their classes into subgroups at the start of the year (seed 4.3).
split() {
	t=$1 u=$2 cls=$3 subj=$4
	shift 4
	at "$t" "$u" group set "$cls" "$subj" 1 $(seq "$1" "$2")
	at "$t" "$u" group set "$cls" "$subj" 2 $(seq "$3" "$4")
}
split 2023-09-01T15:00:00+05:00 semenova 2А eng 1031 1043 1044 1055
split 2023-09-01T15:05:00+05:00 volkova 5А eng 1061 1073 1074 1085
split 2023-09-01T15:10:00+05:00 nikitina 5Б eng 1091 1104 1105 1117
split 2023-09-01T15:15:00+05:00 morozov 9А eng 1121 1133 1134 1146
split 2023-09-01T15:16:00+05:00 morozov 9А inf 1121 1133 1134 1146
split 2023-09-01T15:20:00+05:00 fedorov 10А eng 1151 1162 1163 1174
split 2023-09-01T15:21:00+05:00 fedorov 10А inf 1151 1162 1163 1174
split 2023-09-01T15:25:00+05:00 sokolova 11А eng 1181 1193 1194 1205
split 2023-09-01T15:26:00+05:00 sokolova 11А inf 1181 1193 1194 1205

# A PE exemption by a medical certificate (seed 5.12).
at 2023-09-15T09:00:00+05:00 morozov exempt add 9А 1141 pe --from 2023-09-15 --to 2023-12-29 \
	--document 'Справка ВК № 412 от 14.09.2023'

# Contingent movement, each by its order (seed 6.8).
at 2023-10-02T08:00:00+05:00 petrova student add 5А 'Пономарёва Варвара Денисовна' --id 1990 \
	--sex ж --born 2012-06-14 --on 2023-10-02 --order 356-у --meals paid
at 2023-10-02T08:30:00+05:00 sidorov group set 5А eng 2 1990 --from 2023-10-02 --order 356-у
at 2023-10-06T10:00:00+05:00 petrova student move 5Б 'Крылов Лев' --to 5А --on 2023-10-09 --order 362-у
at 2023-10-06T10:05:00+05:00 sidorov group set 5А eng 1 1102 --from 2023-10-09 --order 362-у
at 2023-10-19T16:00:00+05:00 petrova student leave 9А 'Неустроев Максим' --on 2023-10-20 --order 371-у \
	--reason 'Перевод в другую ОО (г. Екатеринбург)'
