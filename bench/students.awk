# The secretary's list of N pupils for `import students` (issue 13): the roster's
# columns plus the class, spread over the classes of a classes.csv in turn, with new
# ids from 500000 and realistic names, dates in the DD.MM.YYYY of a Russian Excel.
# Deterministic. usage: awk -v n=N -f bench/students.awk years/Y/classes.csv >list.csv
BEGIN {
	FS = ","
	split("Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров", sn, " ")
	split("Александр Максим Артём Михаил Иван Даниил Дмитрий Кирилл Андрей Егор Никита Илья Алексей Матвей Тимофей", mn, " ")
	split("Анна Мария Алёна Виктория Полина Елизавета Екатерина Ксения Валерия Варвара Александра Вероника Арина Дарья Софья", fn, " ")
	split("Александров Максимов Артёмов Михайлов Иванов Дмитриев Андреев Алексеев Сергеев Николаев", pn, " ")
}
NR > 1 { cls[nc++] = $1; grade[$1] = $2 }
END {
	print "class,id,last_name,first_name,middle_name,sex,birth_date,enrolled,order_in,left,order_out,reason,meals,login"
	for (i = 0; i < n; i++) {
		c = cls[i % nc]
		k = i * 7919 % 104729
		s = sn[k % 25 + 1]
		p = pn[int(k / 25) % 10 + 1]
		if (int(k / 250) % 2) {
			f = mn[int(k / 7) % 15 + 1]; sex = "м"; m = p "ич"
		} else {
			f = fn[int(k / 7) % 15 + 1]; sex = "ж"; s = s "а"; m = p "на"
		}
		printf "%s,%d,%s,%s,%s,%s,%02d.%02d.%d,01.09.2023,312-у,,,,%s,\n", c, 500000 + i, s, f, m, sex,
			k % 28 + 1, int(k / 28) % 12 + 1, 2017 - grade[c], k % 3 ? "budget" : "paid"
	}
}
