#!/bin/sh
# Builds the example school's journal (МБОУ СОШ № 18, 2023-2024) through the CLI
# itself, step by step on the dates a real school would do them: the August setup,
# then the first quarter's school days (quarter.sh), about 5,500 commands.
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
at 2023-08-21T10:20:45+05:00 sidorov config set meals.responsible gromova
at 2023-08-22T09:00:00+05:00 sidorov import classes "$data/classes.csv"
at 2023-08-22T09:30:00+05:00 sidorov import curriculum "$data/curriculum.csv"
# The deputy made the timetable (seed 6.3).
at 2023-08-28T11:00:00+05:00 orlova import timetable "$data/timetable.csv"
# The secretary's class lists, by 5 September (seed 7.1), saved from Excel.
at 2023-08-30T14:00:00+05:00 petrova import students "$data/students.csv"

# The first quarter, school day by school day (quarter.sh): lessons, homework, marks,
# absences, period marks. The school's own acts of the quarter below happen on their
# days inside it, merged by time, so history.log's times only go forward.
EJ=$EJ sh "$here/quarter.sh" "$dir" <<'EOF'
# Class teachers split their classes into subgroups at the start of the year (seed 4.3).
at 2023-09-01T15:00:00+05:00 semenova group set 2А eng 1 $(seq 1031 1043)
at 2023-09-01T15:00:30+05:00 semenova group set 2А eng 2 $(seq 1044 1055)
at 2023-09-01T15:05:00+05:00 volkova group set 5А eng 1 $(seq 1061 1073)
at 2023-09-01T15:05:30+05:00 volkova group set 5А eng 2 $(seq 1074 1085)
at 2023-09-01T15:10:00+05:00 nikitina group set 5Б eng 1 $(seq 1091 1104)
at 2023-09-01T15:10:30+05:00 nikitina group set 5Б eng 2 $(seq 1105 1117)
at 2023-09-01T15:15:00+05:00 morozov group set 9А eng 1 $(seq 1121 1133)
at 2023-09-01T15:15:30+05:00 morozov group set 9А eng 2 $(seq 1134 1146)
at 2023-09-01T15:16:00+05:00 morozov group set 9А inf 1 $(seq 1121 1133)
at 2023-09-01T15:16:30+05:00 morozov group set 9А inf 2 $(seq 1134 1146)
at 2023-09-01T15:20:00+05:00 fedorov group set 10А eng 1 $(seq 1151 1162)
at 2023-09-01T15:20:30+05:00 fedorov group set 10А eng 2 $(seq 1163 1174)
at 2023-09-01T15:21:00+05:00 fedorov group set 10А inf 1 $(seq 1151 1162)
at 2023-09-01T15:21:30+05:00 fedorov group set 10А inf 2 $(seq 1163 1174)
at 2023-09-01T15:25:00+05:00 sokolova group set 11А eng 1 $(seq 1181 1193)
at 2023-09-01T15:25:30+05:00 sokolova group set 11А eng 2 $(seq 1194 1205)
at 2023-09-01T15:26:00+05:00 sokolova group set 11А inf 1 $(seq 1181 1193)
at 2023-09-01T15:26:30+05:00 sokolova group set 11А inf 2 $(seq 1194 1205)
# A PE exemption by a medical certificate (seed 5.12).
at 2023-09-15T09:00:00+05:00 morozov exempt add 9А 1141 pe --from 2023-09-15 --to 2023-12-29 --document 'Справка ВК № 412 от 14.09.2023'
# Contingent movement, each by its order (seed 6.8).
at 2023-10-02T08:00:00+05:00 petrova student add 5А 'Пономарёва Варвара Денисовна' --id 1990 --sex ж --born 2012-06-14 --on 2023-10-02 --order 356-у --meals paid
at 2023-10-02T08:30:00+05:00 sidorov group set 5А eng 2 1990 --from 2023-10-02 --order 356-у
at 2023-10-06T10:00:00+05:00 petrova student move 5Б 'Крылов Лев' --to 5А --on 2023-10-09 --order 362-у
at 2023-10-06T10:05:00+05:00 sidorov group set 5А eng 1 1102 --from 2023-10-09 --order 362-у
at 2023-10-19T16:00:00+05:00 petrova student leave 9А 'Неустроев Максим' --on 2023-10-20 --order 371-у --reason 'Перевод в другую ОО (г. Екатеринбург)'
EOF
