#!/usr/bin/env python3
"""Crash and concurrency harness of issue 13: proves that every write of ejournal is
all or nothing under kill -9, a failing disk and concurrent writers and readers.

Three parts, each printing "ok - ..." / "not ok - ..." lines that tests/run.sh counts:

  kills        writes of every kind killed with SIGKILL at a random point of their run;
  faults       each syscall of a write's commit, after it took the lock, made to kill
               the command (strace -e inject=SYSCALL:signal=KILL:when=N) or to fail
               (error=EIO);
  concurrency  8 writers x 100 marks with 2 readers and verify looping.

After every killed or failed write (C) the next writer (N: a fresh change of the same
kind, touching the same files) must succeed, and verify must exit 0 with no findings.
Then the invariants:
  lost      a write that exited 0, or printed its success note, is present afterwards,
            and stays present (every ledger and history.log keep the bytes they had,
            every rewritten setting keeps its last value);
  partial   a killed or failed write is wholly present or wholly absent: all its rows
            and its history line, all its classes' rosters, or none;
  stray     no temporary file is left in the journal;
  verify    verify exits 0 and reports nothing (the history chain holds, no file
            changed outside the tool);
  failure   a write made to fail exits non-zero with "ejournal: ..." lines only, no
            success note, no signal, no sanitizer report.
A journal copy is re-used from trial to trial and copied afresh from the template only
when an invariant broke (so one bug is counted once) or a pool of fresh changes ran dry.
Everything random comes from --seed, which is printed."""
import argparse
import csv
import datetime
import hashlib
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

DATE = '2023-10-25'
NOW = '2023-10-25T16:00:00+05:00'
Y = 'years/2023-2024'
SAN_RE = re.compile(r'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:')
# Ledgers and the log are only appended to: what was there must stay, byte for byte.
APPEND_ONLY = ('lessons.csv', 'marks.csv', 'attendance.csv', 'finals.csv', 'substitutions.csv')
# Marks of these kinds of work are fresh keys beside the lessons' own (урок).
WORK_KINDS = ['тест', 'диктант', 'проверочная работа', 'самостоятельная работа', 'зачёт',
              'устный ответ', 'домашняя работа', 'работа на уроке', 'сочинение', 'изложение']


def san_excerpt(err):
    """The sanitizer's error line and the first frames of its stack, on one line."""
    lines = err.split('\n')
    head = next((ln.strip() for ln in lines if 'ERROR:' in ln or 'runtime error:' in ln), '')
    frames = []
    for ln in lines:
        m = re.match(r'\s*#\d+ 0x[0-9a-f]+ in (\S+) (\S+)', ln)
        if m and len(frames) < 8:
            frames.append(f'{m.group(1)} {os.path.basename(m.group(2))}')
    return head + ' | ' + ' < '.join(frames)


def log(msg=''):
    print(msg, flush=True)


# --- the journal --------------------------------------------------------------------------


def intent_empty(path):
    """The intent's file between commits: its first byte is a NUL."""
    with open(path, 'rb') as f:
        return f.read(1) == b'\0'

class Result:
    def __init__(self, rc, out, err, elapsed):
        self.rc, self.out, self.err, self.elapsed = rc, out, err, elapsed

    @property
    def killed(self):
        return self.rc == -signal.SIGKILL or self.rc == 128 + signal.SIGKILL

    def text(self):
        return (self.out + self.err).strip().replace('\n', ' | ')[:400]


class Journal:
    """A copy of the example school at path, refreshed from the template on demand."""

    def __init__(self, ej, template, path):
        self.ej, self.template, self.path = ej, template, path
        self.base_env = dict(os.environ)
        for k in ('EJOURNAL_DIR', 'EJOURNAL_USER', 'NO_COLOR'):
            self.base_env.pop(k, None)
        self.base_env.update(TZ='Asia/Yekaterinburg', LC_ALL='C.UTF-8', EJOURNAL_NOW=NOW)
        self.base_env.setdefault('EJOURNAL_LOCK_WAIT', '10')
        self.refreshes = 0
        self.cache = {}

    def refresh(self):
        self.cache = {}
        if os.path.exists(self.path):
            shutil.rmtree(self.path)
        subprocess.run(['cp', '-a', self.template, self.path], check=True)
        self.refreshes += 1

    def env(self, user, extra=None):
        e = dict(self.base_env, EJOURNAL_USER=user)
        if extra:
            e.update(extra)
        return e

    def argv(self, args):
        return [self.ej, '-C', self.path] + list(args)

    def start(self, user, args, wrap=(), extra=None):
        return subprocess.Popen(list(wrap) + self.argv(args), env=self.env(user, extra),
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)

    def run(self, user, args, wrap=(), extra=None, kill_after=None):
        t0 = time.perf_counter()
        p = self.start(user, args, wrap, extra)
        if kill_after is not None:
            if kill_after > 0:
                time.sleep(kill_after)
            if p.poll() is None:
                p.kill()
        out, err = p.communicate()
        return Result(p.returncode, out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace'),
                      time.perf_counter() - t0)

    def verify(self):
        return self.run('sidorov', ['verify'])

    def abs(self, rel):
        return os.path.join(self.path, rel)

    def read(self, rel):
        try:
            with open(self.abs(rel), 'rb') as f:
                return f.read()
        except FileNotFoundError:
            return b''

    def size(self, rel):
        try:
            return os.path.getsize(self.abs(rel))
        except FileNotFoundError:
            return 0

    def complete_size(self, rel):
        """The size of rel up to the end of its last whole line."""
        try:
            with open(self.abs(rel), 'rb') as f:
                size = f.seek(0, os.SEEK_END)
                while size > 0:
                    f.seek(max(0, size - 65536))
                    block = f.read(size - max(0, size - 65536))
                    nl = block.rfind(b'\n')
                    if nl >= 0:
                        return size - len(block) + nl + 1
                    size -= len(block)
                return 0
        except FileNotFoundError:
            return 0

    def table(self, rel):
        """The rows of a journal CSV as dicts (complete lines only); the caller does
        not change them (they are kept while the file stays the same)."""
        try:
            st = os.stat(self.abs(rel))
        except FileNotFoundError:
            return []
        sig = (st.st_ino, st.st_size, st.st_mtime_ns)
        hit = self.cache.get(rel)
        if hit and hit[0] == sig:
            return hit[1]
        data = self.read(rel)
        data = data[:data.rfind(b'\n') + 1]
        rows = list(csv.DictReader(io.StringIO(data.decode('utf-8', 'replace'), newline='')))
        self.cache[rel] = (sig, rows)
        return rows

    def rows_from(self, rel, offset):
        """The rows appended to a ledger after byte offset, as dicts by its header."""
        data = self.read(rel)
        header = data[:data.find(b'\n') + 1]
        tail = data[offset:] if offset > 0 else data[len(header):]
        text = (header + tail).decode('utf-8', 'replace')
        return list(csv.DictReader(io.StringIO(text, newline='')))

    def history_from(self, offset):
        """The history lines after byte offset, as lists of fields."""
        data = self.read('history.log')[offset:]
        return [ln.split('\t') for ln in data.decode('utf-8', 'replace').split('\n') if ln]


def period_dir(j, cls):
    return 'q1' if os.path.isdir(j.abs(f'{Y}/classes/{cls}/q1')) else 'h1'


def ledger(j, cls, name):
    return f'{Y}/classes/{cls}/{period_dir(j, cls)}/{name}.csv'


def active_students(j, cls, on=DATE):
    """Ids of the students of cls enrolled on the date, each once."""
    rows = j.table(f'{Y}/classes/{cls}/students.csv')
    seen, ids = {}, []
    for r in rows:
        seen[r['id']] = seen.get(r['id'], 0) + 1
    for r in rows:
        if r['enrolled'] <= on and (not r['left'] or r['left'] > on) and seen[r['id']] == 1:
            ids.append(r['id'])
    return ids


def latest(rows, keyf):
    out = {}
    for r in rows:
        out[keyf(r)] = r
    return out


def day_lessons(j, cls):
    """The lessons of cls on DATE: (period, subject, group, teacher), by period."""
    rows = [r for r in j.table(ledger(j, cls, 'lessons')) if r['date'] == DATE]
    les = latest(rows, lambda r: (r['period'], r['subject'], r['group']))
    return sorted(((int(p), s, g, r['teacher']) for (p, s, g), r in les.items() if r['topic']),
                  key=lambda x: x[0])


def absent_at(j, cls):
    """(period, student) pairs absent (Н Б У) on DATE."""
    rows = [r for r in j.table(ledger(j, cls, 'attendance')) if r['date'] == DATE]
    last = latest(rows, lambda r: (r['period'], r['student']))
    return {(int(p), s) for (p, s), r in last.items() if r['code'] in ('Н', 'Б', 'У')}


# --- the kinds of write -------------------------------------------------------------------

class Change:
    """One write: who runs what, its tag (a token unique to it, found in its rows and
    its history line), the files it changes and what it is expected to leave."""

    def __init__(self, kind, user, args, tag, files, **data):
        self.kind, self.user, self.args, self.tag, self.files = kind, user, args, tag, files
        self.__dict__.update(data)

    def cmd(self):
        return ' '.join([self.user + ':'] + self.args)


class Kind:
    name = ''
    success = re.compile(r'^$')

    def __init__(self, h):
        self.h = h

    def reset(self, j):
        """Builds the model of what the journal holds from its files."""

    def make(self, j, tag):
        """A fresh valid change, or None when the pool ran dry (the journal is refreshed)."""
        raise NotImplementedError

    def low(self):
        """True when the pool may not hold two more changes: a write and its next
        writer. The journal is refreshed before the write, never between the two (a
        refresh there would judge the write on a fresh copy, and call it lost)."""
        return False

    def history_has(self, j, ch, base):
        return any(len(f) > 3 and ch.tag in f[3] for f in j.history_from(base['history.log']))

    def state(self, j, ch, base):
        """('present' | 'absent' | 'partial', detail) of ch, base the sizes before it ran."""
        raise NotImplementedError

    def applied(self, ch):
        """ch is in the journal: the model follows."""

    def model_check(self, j):
        """What the model holds that the journal lost."""
        return []

    def ledger_state(self, j, ch, base, col, expect):
        """The state of a ledger write: expect is the sorted list of the rows' values
        (a tuple each) that carry ch.tag in column col."""
        rel = ch.files[0]
        rows = [r for r in j.rows_from(rel, base[rel]) if ch.tag in (r.get(col) or '')]
        got = sorted(self.row_values(r) for r in rows)
        hist = self.history_has(j, ch, base)
        if got == expect and hist:
            return 'present', ''
        if not got and not hist:
            return 'absent', ''
        return 'partial', f'{len(got)} of {len(expect)} rows ({", ".join("/".join(g) for g in got[:4])}), history line {"present" if hist else "missing"}'


class MarkKind(Kind):
    """A teacher's current marks, 1 to 4 students of one lesson, of a kind of work no
    row has yet (every key fresh)."""
    name = 'mark'
    success = re.compile(r': [1-9][0-9]* marks? entered')
    classes = ('5А', '5Б', '9А')

    def reset(self, j):
        self.pools = []
        for cls in self.classes:
            rel = ledger(j, cls, 'marks')
            taken = {(r['period'], r['subject'], r['student'], r['kind'])
                     for r in j.table(rel) if r['date'] == DATE}
            absent = absent_at(j, cls)
            studs = active_students(j, cls)
            for period, subj, group, teacher in day_lessons(j, cls):
                if group or subj == 'pe':
                    continue
                keys = [(s, k) for k in WORK_KINDS for s in studs
                        if (period, s) not in absent and (str(period), subj, s, k) not in taken]
                if keys:
                    self.pools.append([cls, subj, period, teacher, rel, keys])
        self.turn = 0

    def make(self, j, tag):
        for _ in range(len(self.pools)):
            pool = self.pools[self.turn % len(self.pools)]
            self.turn += 1
            cls, subj, period, teacher, rel, keys = pool
            if not keys:
                continue
            kind = keys[0][1]
            studs = [s for s, k in keys if k == kind][:self.h.rng.randint(1, 4)]
            pool[5] = [key for key in keys if not (key[1] == kind and key[0] in studs)]
            marks = {s: str(self.h.rng.randint(2, 5)) for s in studs}
            args = ['mark', cls, subj, DATE] + [f'{s}={m}' for s, m in marks.items()] + \
                   ['--kind', kind, '--comment', tag, '--period', str(period)]
            return Change(self, teacher, args, tag, [rel],
                          expect=sorted((s, kind, m) for s, m in marks.items()))
        return None

    def low(self):
        return sum(1 for p in self.pools if p[5]) < 2

    @staticmethod
    def row_values(r):
        return (r['student'], r['kind'], r['mark'])

    def state(self, j, ch, base):
        return self.ledger_state(j, ch, base, 'comment', ch.expect)


class TurnKind(Kind):
    """A correction with a reason that turns the value of 1 to n slots between two
    values. A slot is a list naming a pupil at key_at and holding the value the
    journal has at value_at; the slots are taken in turn."""
    key_at, value_at = 0, 1

    @staticmethod
    def turned(value):
        return '4' if value == '5' else '5'

    def take(self, pool, n):
        """n slots of pool from the turn on, and the new value of each one's pupil."""
        picked = [pool[(self.turn + i) % len(pool)] for i in range(n)]
        self.turn += n
        return picked, {x[self.key_at]: self.turned(x[self.value_at]) for x in picked}

    def state(self, j, ch, base):
        return self.ledger_state(j, ch, base, 'reason', ch.expect)

    def applied(self, ch):
        for x in ch.slots:
            x[self.value_at] = ch.new[x[self.key_at]]


class MarkFixKind(TurnKind):
    """The deputy's corrections of 1 to 3 marks of a lesson of 10А, each mark turning
    between 4 and 5."""
    name = 'mark fix'
    success = re.compile(r'marks? corrected')
    key_at, value_at = 2, 3

    def reset(self, j):
        cls = '10А'
        rel = ledger(j, cls, 'marks')
        absent = absent_at(j, cls)
        studs = active_students(j, cls)
        marks = latest([r for r in j.table(rel) if r['date'] == DATE],
                       lambda r: (int(r['period']), r['student'], r['kind']))
        self.slots = []   # [subject, period, student, current mark]
        for period, subj, group, teacher in day_lessons(j, cls):
            if group or subj == 'pe':
                continue
            for s in studs:
                if (period, s) not in absent:
                    cur = marks.get((period, s, 'урок'))
                    self.slots.append([subj, period, s, cur['mark'] if cur else ''])
        self.rel, self.turn, self.cls = rel, 0, cls

    def make(self, j, tag):
        subj, period = self.slots[self.turn % len(self.slots)][:2]
        group = [x for x in self.slots if x[0] == subj and x[1] == period]
        picked, new = self.take(group, self.h.rng.randint(1, 3))
        args = ['mark', 'fix', self.cls, subj, DATE] + [f'{s}={m}' for s, m in new.items()] + \
               ['--period', str(period), '--reason', f'Исправление {tag}']
        return Change(self, 'orlova', args, tag, [self.rel], slots=picked, new=new,
                      expect=sorted((s, m) for s, m in new.items()))

    @staticmethod
    def row_values(r):
        return (r['student'], r['mark'])


class AttendKind(TurnKind):
    """The class teacher of 1А records 1 to 3 pupils ill or excused for the whole day,
    each pupil turning between Б and У: one row per lesson of the day each."""
    name = 'attend'
    success = re.compile(r'[1-9][0-9]* absence records?')

    @staticmethod
    def turned(value):
        return 'У' if value == 'Б' else 'Б'

    def reset(self, j):
        self.cls = '1А'
        self.rel = ledger(j, self.cls, 'attendance')
        self.periods = sorted({p for p, _, _, _ in day_lessons(j, self.cls)})
        absent = absent_at(j, self.cls)
        last = latest([r for r in j.table(self.rel) if r['date'] == DATE],
                      lambda r: r['student'])
        self.slots = [[s, last[s]['code'] if s in last else '']
                      for s in active_students(j, self.cls)
                      if not any((p, s) in absent for p in self.periods) or s in last]
        self.turn = 0

    def make(self, j, tag):
        picked, new = self.take(self.slots, self.h.rng.randint(1, 3))
        args = ['attend', self.cls, DATE] + [f'{s}={"у" if c == "У" else "б"}' for s, c in new.items()] + \
               ['--day', '--reason', f'Справка {tag}']
        return Change(self, 'kuznetsova', args, tag, [self.rel], slots=picked, new=new,
                      expect=sorted((s, str(p), c) for s, c in new.items() for p in self.periods))

    @staticmethod
    def row_values(r):
        return (r['student'], r['period'], r['code'])


class LessonKind(Kind):
    """A teacher of 9А corrects the topic of today's lesson (a new row, latest wins)."""
    name = 'lesson'
    success = re.compile(r'period [0-9]+: ')

    def reset(self, j):
        self.cls = '9А'
        self.rel = ledger(j, self.cls, 'lessons')
        self.lessons = [(p, s, t) for p, s, g, t in day_lessons(j, self.cls) if not g]
        self.turn = 0

    def make(self, j, tag):
        period, subj, teacher = self.lessons[self.turn % len(self.lessons)]
        self.turn += 1
        topic = f'Повторение пройденного {tag}'
        args = ['lesson', self.cls, subj, DATE, '--period', str(period), '--topic', topic]
        return Change(self, teacher, args, tag, [self.rel], expect=[(subj, str(period), topic)])

    @staticmethod
    def row_values(r):
        return (r['subject'], r['period'], r['topic'])

    def state(self, j, ch, base):
        return self.ledger_state(j, ch, base, 'topic', ch.expect)


class FinalKind(TurnKind):
    """The deputy corrects the q1 mark in math of 1 or 2 pupils of 5Б, each turning
    between 4 and 5, with a reason."""
    name = 'mark final'
    success = re.compile(r'marks? (entered|corrected)')

    def reset(self, j):
        self.cls = '5Б'
        self.rel = f'{Y}/classes/{self.cls}/finals.csv'
        last = latest([r for r in j.table(self.rel) if r['subject'] == 'math' and r['period'] == 'q1'],
                      lambda r: r['student'])
        self.slots = [[s, r['mark']] for s, r in sorted(last.items()) if r['mark'] in ('2', '3', '4', '5')]
        self.turn = 0

    def make(self, j, tag):
        picked, new = self.take(self.slots, self.h.rng.randint(1, 2))
        args = ['mark', 'final', self.cls, 'math', 'q1'] + [f'{s}={m}' for s, m in new.items()] + \
               ['--reason', f'Пересмотр {tag}']
        return Change(self, 'orlova', args, tag, [self.rel], slots=picked, new=new,
                      expect=sorted(new.items()))

    @staticmethod
    def row_values(r):
        return (r['student'], r['mark'])


class ConfigKind(Kind):
    """The admin sets school.name and backup.dir in turn, each time to a new value."""
    name = 'config set'
    success = re.compile(r' set$', re.M)
    keys = ('school.name', 'backup.dir')

    def reset(self, j):
        self.values = {k: self.current(j, k) for k in self.keys}
        self.turn = 0

    @staticmethod
    def current(j, key):
        text = j.read('ejournal.yaml').decode('utf-8', 'replace')
        if key == 'school.name':
            m = re.search(r'^school:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:[ \t]*(.*)$', text, re.M)
        else:
            m = re.search(r'^backup:.*\bdir:[ \t]*([^,}\n]*)', text, re.M)
        return m.group(1).strip().strip('"\'') if m else None

    def make(self, j, tag):
        key = self.keys[self.turn % 2]
        self.turn += 1
        value = f'МБОУ «Средняя общеобразовательная школа № 18» {tag}' if key == 'school.name' \
            else f'/var/backups/ejournal-{tag}'
        return Change(self, 'sidorov', ['config', 'set', key, value], tag, ['ejournal.yaml'],
                      key=key, value=value, old=self.values[key])

    def state(self, j, ch, base):
        cur = self.current(j, ch.key)
        hist = self.history_has(j, ch, base)
        if cur == ch.value and hist:
            return 'present', ''
        if cur == ch.old and not hist:
            return 'absent', ''
        return 'partial', f'{ch.key} is {cur!r}, history line {"present" if hist else "missing"}'

    def applied(self, ch):
        self.values[ch.key] = ch.value

    def model_check(self, j):
        return [f'{k} is {self.current(j, k)!r}, not {v!r}' for k, v in self.values.items()
                if self.current(j, k) != v]


class MoveKind(Kind):
    """The secretary moves pupils of 2А along 5А, 5Б, 9А, 10А, 11А, 1А, one step a
    change, on later and later dates: two rosters rewritten together."""
    name = 'student move'
    success = re.compile(r' moves from ')
    chain = [('5А', '2023-10-26'), ('5Б', '2023-10-27'), ('9А', '2023-11-07'),
             ('10А', '2023-11-08'), ('11А', '2023-11-09'), ('1А', '2023-11-10')]

    def reset(self, j):
        self.slots = [[s, '2А', 0] for s in active_students(j, '2А')]
        self.turn = 0
        self.pending = None

    def make(self, j, tag):
        for _ in range(len(self.slots)):
            x = self.slots[self.turn % len(self.slots)]
            self.turn += 1
            if x[2] < len(self.chain) and x is not self.pending:
                to, on = self.chain[x[2]]
                self.pending = x
                src, dst = f'{Y}/classes/{x[1]}/students.csv', f'{Y}/classes/{to}/students.csv'
                return Change(self, 'petrova', ['student', 'move', x[1], x[0], '--to', to, '--on', on,
                                                '--order', tag], tag, [src, dst], slot=x, to=to, on=on)
        return None

    def low(self):
        # Two slots with a step left: the next writer never takes the pending one.
        return sum(1 for x in self.slots if x[2] < len(self.chain)) < 2

    def rows(self, j, rel, sid):
        return [r for r in j.table(rel) if r['id'] == sid]

    def state(self, j, ch, base):
        sid = ch.slot[0]
        left = any(r['order_out'] == ch.tag for r in self.rows(j, ch.files[0], sid))
        came = any(r['order_in'] == ch.tag for r in self.rows(j, ch.files[1], sid))
        hist = self.history_has(j, ch, base)
        if left and came and hist:
            return 'present', ''
        if not left and not came and not hist:
            return 'absent', ''
        return 'partial', f'left {ch.slot[1]}: {left}, arrived in {ch.to}: {came}, history line {"present" if hist else "missing"}'

    def applied(self, ch):
        ch.slot[1], ch.slot[2] = ch.to, ch.slot[2] + 1

    def model_check(self, j):
        bad = []
        for sid, cls, step in self.slots:
            if step and not any(not r['left'] for r in self.rows(j, f'{Y}/classes/{cls}/students.csv', sid)):
                bad.append(f'{sid} is no longer in {cls}')
        return bad


class ImportKind(Kind):
    """The secretary imports the students file with one pupil each of 5А, 5Б and 9А,
    giving each a new login: three rosters rewritten together."""
    name = 'import students'
    success = re.compile(r'imported [0-9]+ students')
    classes = ('5А', '5Б', '9А')

    def reset(self, j):
        self.pools, self.logins = [], {}
        for cls in self.classes:
            rows = j.table(f'{Y}/classes/{cls}/students.csv')
            ids = set(active_students(j, cls))
            self.pools.append([(cls, r['id']) for r in rows if r['id'] in ids])
            for r in rows:
                if r['id'] in ids:
                    self.logins[(cls, r['id'])] = r['login']
        self.turn = 0
        os.makedirs(self.h.scratch('imports'), exist_ok=True)

    def make(self, j, tag):
        picked = [p[self.turn % len(p)] for p in self.pools]
        self.turn += 1
        header = ['class', 'id', 'last_name', 'first_name', 'middle_name', 'sex', 'birth_date',
                  'enrolled', 'order_in', 'left', 'order_out', 'reason', 'meals', 'login']
        path = os.path.join(self.h.scratch('imports'), f'students-{tag}.csv')
        new = {}
        with open(path, 'w', newline='', encoding='utf-8') as f:
            w = csv.writer(f, lineterminator='\n')
            w.writerow(header)
            for i, (cls, sid) in enumerate(picked):
                row = next(r for r in j.table(f'{Y}/classes/{cls}/students.csv') if r['id'] == sid)
                new[(cls, sid)] = f'{tag}.{i}'
                w.writerow([cls] + [new[(cls, sid)] if c == 'login' else row[c] for c in header[1:]])
        files = [f'{Y}/classes/{c}/students.csv' for c in self.classes]
        return Change(self, 'petrova', ['import', 'students', path], tag, files, new=new,
                      old={k: self.logins[k] for k in new})

    def login(self, j, cls, sid):
        r = [r for r in j.table(f'{Y}/classes/{cls}/students.csv') if r['id'] == sid]
        return r[-1]['login'] if r else None

    def state(self, j, ch, base):
        cur = {k: self.login(j, *k) for k in ch.new}
        hist = self.history_has(j, ch, base)
        if cur == ch.new and hist:
            return 'present', ''
        if cur == ch.old and not hist:
            return 'absent', ''
        done = [k[0] for k in ch.new if cur[k] == ch.new[k]]
        return 'partial', f'imported into {", ".join(done) or "no class"} of {", ".join(self.classes)}, history line {"present" if hist else "missing"}'

    def applied(self, ch):
        self.logins.update(ch.new)

    def model_check(self, j):
        bad = []
        for (cls, sid), lg in self.logins.items():
            if lg.endswith(('.0', '.1', '.2')) and self.login(j, cls, sid) != lg:
                bad.append(f'{cls} {sid} has login {self.login(j, cls, sid)!r}, not {lg!r}')
        return bad


class BackupKind(Kind):
    """The admin makes an archive into a new directory outside the journal."""
    name = 'backup create'
    success = re.compile(r'archived |\.tar\.gz$', re.M)

    def reset(self, j):
        os.makedirs(self.h.scratch('backups'), exist_ok=True)

    def make(self, j, tag):
        dest = os.path.join(self.h.scratch('backups'), tag)
        return Change(self, 'sidorov', ['backup', 'create', '--dest', dest], tag, [], dest=dest)

    def state(self, j, ch, base):
        lines = [f for f in j.history_from(base['history.log']) if len(f) > 4 and ch.tag in f[3]]
        names = os.listdir(ch.dest) if os.path.isdir(ch.dest) else []
        archives = [n for n in names if n.endswith('.tar.gz') and not n.startswith('.')]
        temps = [n for n in names if n not in archives]
        if temps:
            self.h.stats['backup temporaries'] += len(temps)
        if not lines and not archives:
            return 'absent', ''
        if len(archives) != 1:
            return 'partial', f'{len(archives)} archives in {ch.dest}, {len(lines)} history lines'
        path = os.path.join(ch.dest, archives[0])
        with open(path, 'rb') as f:
            data = f.read()
        rec = f'backup={len(data)}:{hashlib.sha256(data).hexdigest()}'
        if lines and rec in lines[0][4]:
            return 'present', ''
        v = j.run('sidorov', ['backup', 'verify', path])
        if not lines and v.rc == 0:
            # A whole archive that history.log does not record: nothing is lost or
            # half done; counted, not failed (unless its success was printed).
            self.h.stats['backup archives not in history.log'] += 1
            return 'absent', f'{archives[0]} is whole but history.log does not record it'
        return 'partial', f'archive {archives[0]} ({len(data)} bytes, backup verify exit {v.rc}), history lines {len(lines)}'


class StudentAddKind(Kind):
    """The secretary enrols a new pupil in 2А."""
    name = 'student add'
    success = re.compile(r'enrolled ')
    names = ['Новиков Пётр Иванович', 'Зайцева Мария Олеговна', 'Быков Роман Ильич', 'Лосева Дарья Юрьевна']

    def reset(self, j):
        self.next_id = 5001

    def make(self, j, tag):
        sid = str(self.next_id)
        self.next_id += 1
        rel = f'{Y}/classes/2А/students.csv'
        return Change(self, 'petrova', ['student', 'add', '2А', self.names[int(sid) % 4], '--id', sid,
                                        '--sex', 'м', '--born', '2015-03-01', '--on', '2023-10-26',
                                        '--order', tag], tag, [rel], sid=sid)

    def state(self, j, ch, base):
        here = any(r['id'] == ch.sid and r['order_in'] == ch.tag for r in j.table(ch.files[0]))
        hist = self.history_has(j, ch, base)
        if here and hist:
            return 'present', ''
        if not here and not hist:
            return 'absent', ''
        return 'partial', f'roster row {"present" if here else "missing"}, history line {"present" if hist else "missing"}'


class ExemptKind(Kind):
    """The class teacher of 5А records a pupil's PE exemption for a fortnight ahead."""
    name = 'exempt add'
    success = re.compile(r' is exempt from ')

    def reset(self, j):
        self.rel = f'{Y}/classes/5А/exemptions.csv'
        taken = {r['student'] for r in j.table(self.rel)}
        self.slots = [[s, 0] for s in active_students(j, '5А') if s not in taken]
        self.turn = 0

    def make(self, j, tag):
        x = self.slots[self.turn % len(self.slots)]
        self.turn += 1
        if x[1] >= 12:
            return None
        start = datetime.date(2023, 11, 13) + datetime.timedelta(days=14 * x[1])
        x[1] += 1
        return Change(self, 'volkova', ['exempt', 'add', '5А', x[0], 'pe', '--from', start.isoformat(),
                                        '--to', (start + datetime.timedelta(days=10)).isoformat(),
                                        '--document', f'Справка {tag}'], tag, [self.rel])

    def low(self):
        n = len(self.slots)
        return any(self.slots[(self.turn + i) % n][1] >= 12 for i in range(2))

    def state(self, j, ch, base):
        here = sum(ch.tag in r['document'] for r in j.table(self.rel))
        hist = self.history_has(j, ch, base)
        if here == 1 and hist:
            return 'present', ''
        if not here and not hist:
            return 'absent', ''
        return 'partial', f'{here} rows, history line {"present" if hist else "missing"}'


KINDS = [MarkKind, LessonKind, AttendKind, MarkFixKind, MoveKind, ImportKind, ConfigKind,
         BackupKind, StudentAddKind, ExemptKind, FinalKind]


# --- the harness --------------------------------------------------------------------------

class Stats(dict):
    def __missing__(self, k):
        return 0


class Harness:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.work = args.work
        if os.path.exists(self.work):
            shutil.rmtree(self.work)
        os.makedirs(self.work)
        self.j = Journal(args.ej, args.template, os.path.join(self.work, 'journal'))
        self.kinds = [k(self) for k in KINDS]
        self.stats = Stats()
        self.ntag = 0
        self.problems = {}      # (part, kind) -> [details]
        self.counts = {}        # (part, kind) -> Stats
        self.prefix, self.prefix_next = {}, {}
        self.window = {}        # kind -> run times of its writes that were not killed

    def scratch(self, name):
        return os.path.join(self.work, name)

    def tag(self):
        self.ntag += 1
        return f'c{self.ntag}q'

    def fresh(self):
        self.prefix_next = {}
        self.j.refresh()
        for k in self.kinds:
            k.reset(self.j)
        self.snapshot_prefixes()

    # Every append-only file keeps the bytes it had: hash of each one's content.
    def append_only(self):
        rels = ['history.log']
        for root, _, files in os.walk(self.j.path):
            for f in files:
                if f in APPEND_ONLY:
                    rels.append(os.path.relpath(os.path.join(root, f), self.j.path))
        return rels

    def snapshot_prefixes(self):
        known, self.prefix = self.prefix_next, {}
        for rel in self.append_only():
            if rel in known:
                self.prefix[rel] = known[rel]
            else:
                data = self.j.read(rel)
                self.prefix[rel] = (len(data), hashlib.sha256(data).hexdigest())
        self.prefix_next = {}

    def prefix_losses(self):
        """What the append-only files lost of what they held after the last good trial;
        their new fingerprints are kept for the next snapshot."""
        bad = []
        self.prefix_next = {}
        for rel, (n, h) in self.prefix.items():
            data = self.j.read(rel)
            d = hashlib.sha256(data[:n])
            if len(data) < n or d.hexdigest() != h:
                bad.append(f'{rel}: its first {n} bytes changed (now {len(data)} bytes)')
                continue
            d.update(data[n:])
            self.prefix_next[rel] = (len(data), d.hexdigest())
        return bad

    def strays(self):
        """Temporary files left in the journal: a name with .tmp, or a non-empty dot
        file other than the lock and the hash cache (an intent journal must be
        consumed by the next writer: the intent's file stays empty, or marked empty
        by a NUL as its first byte)."""
        out = []
        for root, dirs, files in os.walk(self.j.path):
            for f in files + dirs:
                p = os.path.join(root, f)
                rel = os.path.relpath(p, self.j.path)
                if '.tmp' in f or (f.startswith('.') and rel not in ('.lock', '.hash-cache') and
                                   (os.path.isdir(p) or os.path.getsize(p) > 0) and
                                   not (rel == '.txn-intent' and intent_empty(p))):
                    out.append(rel)
        return out

    def base(self, ch):
        """Where the files ch changes end before it runs: after their last whole line
        (a torn tail is cut back by the next writer)."""
        return {rel: self.j.complete_size(rel) for rel in ['history.log'] + ch.files}

    def note(self, part, kind, what, detail):
        """Counts a broken invariant; keeps the first two of each for the report."""
        self.counts.setdefault((part, kind.name), Stats())[what] += 1
        lst = self.problems.setdefault((part, kind.name), {}).setdefault(what, [])
        if len(lst) < 2:
            lst.append(f'{what}: {detail}')

    def make(self, kind):
        """A write of kind, with room left in its pool for the next writer."""
        if kind.low():
            self.stats['refreshes (pool ran dry)'] += 1
            self.fresh()
        ch = kind.make(self.j, self.tag())
        if ch is None:
            raise RuntimeError(f'{kind.name}: a fresh journal holds no change to make')
        return ch

    def make_next(self, kind):
        """The next writer of a trial: on the same journal copy as the write it follows."""
        n = kind.make(self.j, self.tag())
        if n is None:
            raise RuntimeError(f'{kind.name}: the pool ran dry before the next writer (its low() is wrong)')
        return n

    def trial(self, part, kind, ch, res, how, fault=None):
        """Judges one write ch that ran (res) and may have been killed or failed; runs the
        next writer and verify; returns True when every invariant held."""
        c = self.counts.setdefault((part, kind.name), Stats())
        c['writes'] += 1
        self.stats['writes'] += 1
        if res.killed:
            c['kills'] += 1
        bad = []
        printed = bool(kind.success.search(res.out + res.err))
        acked = res.rc == 0 or printed
        if SAN_RE.search(res.err):
            bad.append(('failure', f'sanitizer report: {san_excerpt(res.err)}'))
        if fault == 'error' and res.rc != 0:
            lines = [ln for ln in res.err.split('\n') if ln]
            if res.rc < 0 or res.rc > 125 or not lines or any(not ln.startswith('ejournal: ') for ln in lines):
                bad.append(('failure', f'exit {res.rc}, stderr {res.err.strip()[:300]!r}'))
            elif printed:
                bad.append(('failure', f'the success note before the error (exit {res.rc}): {res.text()}'))
        elif not res.killed and res.rc != 0:
            bad.append(('failure', f'exit {res.rc} without a kill: {res.text()}'))
        n = self.make_next(kind)
        nbase = self.base(n)
        nres = self.j.run(n.user, n.args)
        c['writes'] += 1
        self.stats['writes'] += 1
        if nres.rc != 0:
            bad.append(('next writer', f'{n.cmd()} exit {nres.rc}: {nres.text() if not SAN_RE.search(nres.err) else "a sanitizer report"}'))
        else:
            self.window.setdefault(kind.name, []).append(nres.elapsed)
        v = self.j.verify()
        for r, who in ((nres, 'the next writer'), (v, 'verify')):
            if SAN_RE.search(r.err):
                bad.append(('failure', f'sanitizer report from {who}: {san_excerpt(r.err)}'))
        if v.rc != 0 or v.out.strip():
            bad.append(('verify', f'exit {v.rc}: {v.out.strip()[:500]}'.replace('\n', ' | ')))
        st, detail = kind.state(self.j, ch, base_of(ch))
        if st == 'partial':
            bad.append(('partial', f'{ch.cmd()} ({how}): {detail}'))
        elif st == 'absent' and acked:
            bad.append(('lost', f'{ch.cmd()} ({how}) exited {res.rc}{", printed its success" if printed else ""} but is absent'
                                + (f' ({detail})' if detail else '')))
        elif st == 'present':
            kind.applied(ch)
        if nres.rc == 0:
            nst, ndetail = kind.state(self.j, n, nbase)
            if nst != 'present':
                bad.append(('lost', f'the next writer {n.cmd()} exited 0 but is {nst}: {ndetail}'))
            else:
                kind.applied(n)
        for loss in self.prefix_losses():
            bad.append(('lost', loss))
        for k in self.kinds:
            if k is kind and st == 'partial':
                continue    # the partial write itself, already counted
            for loss in k.model_check(self.j):
                bad.append(('lost', f'{k.name}: {loss}'))
        strays = self.strays()
        if strays:
            bad.append(('stray', ', '.join(strays[:5])))
        if not acked and st in ('present', 'absent'):
            c[f'interrupted, {st}'] += 1
        for what, detail in bad:
            self.note(part, kind, what, f'[{how}] {detail}')
            self.stats[what] += 1
        if bad:
            self.stats['failed trials'] += 1
            self.fresh()
            return False
        self.snapshot_prefixes()
        return True

    # --- part 1: random kills ----------------------------------------------------------

    def span(self, kind):
        """How long a write of this kind runs: the median of its last 15 runs that were
        not killed (the next writers'), so the kills follow the machine's load."""
        w = self.window.get(kind.name, [])[-15:]
        return sorted(w)[len(w) // 2] if w else 0.005

    def tear(self, rel):
        """As a power cut in the middle of an append leaves it: a cut copy of the
        ledger's last row, no newline (at a random byte, a letter may be cut in two)."""
        data = self.j.read(rel)
        row = data[:-1].rsplit(b'\n', 1)[-1]
        torn = row[:self.rng.randint(1, len(row) - 1)]
        with open(self.j.abs(rel), 'ab') as f:
            f.write(torn)
        self.stats['torn tails'] += 1
        return f', then a torn line of {len(torn)} bytes appended to {os.path.basename(rel)}'

    def kills(self, n):
        t0 = time.time()
        self.fresh()
        for kind in self.kinds:
            ch = self.make(kind)
            ch.base = self.base(ch)
            self.trial('kills', kind, ch, self.j.run(ch.user, ch.args), 'not killed')
        log('# run times: ' + ', '.join(f'{k.name} {self.span(k) * 1000:.1f} ms' for k in self.kinds))
        for i in range(n):
            if time.time() - t0 > self.args.budget:
                log(f'# kills: stopped at the time budget ({self.args.budget} s) after {i} of {n} trials')
                break
            kind = self.kinds[i % len(self.kinds)]
            ch = self.make(kind)
            ch.base = self.base(ch)
            delay = self.rng.uniform(0, 1.1 * self.span(kind))
            res = self.j.run(ch.user, ch.args, kill_after=delay)
            self.stats['kills'] += res.killed
            how = f'killed after {delay * 1000:.2f} ms' if res.killed else f'done before the kill at {delay * 1000:.2f} ms'
            if res.killed and hasattr(kind, 'row_values') and self.rng.random() < 0.25:
                how += self.tear(ch.files[0])
            self.trial('kills', kind, ch, res, how)
        self.report('kills', 'random SIGKILL')
        log(f'# kills: {time.time() - t0:.0f} s')

    # --- part 2: a fault at each syscall ---------------------------------------------------

    TARGETS = ['openat', 'write', 'pwrite64', 'fsync', 'fdatasync', 'sync_file_range', 'rename', 'renameat', 'renameat2',
               'ftruncate', 'truncate', 'unlink', 'unlinkat', 'mkdir', 'mkdirat', 'link', 'linkat',
               'close', 'flock', 'pread64']
    LINE_RE = re.compile(r'^(\d+) +([a-z0-9_]+)\((.*)\) += (-?\d+|\?)')
    OPEN_RE = re.compile(r'"((?:[^"\\]|\\.)*)", ([A-Z_|]+)')

    def strace_env(self):
        # LeakSanitizer cannot run under ptrace; one thread, so the counts are the same
        # from run to run.
        opts = os.environ.get('ASAN_OPTIONS', '')
        return {'ASAN_OPTIONS': (opts + ':' if opts else '') + 'detect_leaks=0', 'EJOURNAL_THREADS': '1'}

    def discover(self, kind):
        """Runs a write under strace; returns its syscalls after it took the lock:
        (syscall, N-th of its name in the process, label, on the write side)."""
        ch = self.make(kind)
        ch.base = self.base(ch)
        trace = self.scratch('discover.strace')
        res = self.j.run(ch.user, ch.args, wrap=['strace', '-f', '-qq', '-o', trace, '-e',
                                                 'trace=' + ','.join(self.TARGETS)],
                         extra=self.strace_env())
        self.trial('faults', kind, ch, res, 'discovery under strace')
        counts, fds, points, locked, pid0 = {}, {}, [], False, None
        with open(trace, encoding='utf-8', errors='replace') as f:
            for line in f:
                m = self.LINE_RE.match(line)
                if not m:
                    continue
                pid, name, argstr, ret = m.groups()
                pid0 = pid0 or pid
                if pid != pid0:
                    continue
                counts[name] = counts.get(name, 0) + 1
                if name == 'openat':
                    om = self.OPEN_RE.search(argstr)
                    if om and ret.lstrip('-').isdigit() and int(ret) >= 0:
                        fds[ret] = (os.path.basename(om.group(1)), bool(re.search(r'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND', om.group(2))))
                if name == 'flock' and 'LOCK_EX' in argstr and ret == '0':
                    locked = True
                    continue
                if not locked:
                    continue
                fd = argstr.split(',')[0]
                if name == 'openat':
                    om = self.OPEN_RE.search(argstr)
                    label = f'openat {os.path.basename(om.group(1)) if om else "?"}'
                    wside = bool(om and re.search(r'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND', om.group(2)))
                elif name in ('write', 'pwrite64', 'fsync', 'fdatasync', 'sync_file_range', 'ftruncate', 'close',
                              'pread64'):
                    target, wfd = fds.get(fd, ('fd ' + fd, False))
                    label = f'{name} {target}'
                    wside = (wfd and name != 'pread64') if fd not in ('1', '2') else name == 'write'
                    if name == 'close':
                        fds.pop(fd, None)
                elif name == 'flock':
                    label, wside = 'flock unlock', True
                else:
                    q = re.findall(r'"((?:[^"\\]|\\.)*)"', argstr)
                    label = f'{name} {os.path.basename(q[-1]) if q else ""}'
                    wside = True
                points.append((name, counts[name], label, wside))
        return points

    def plan(self, points, cap):
        """The faults to inject: a kill at the first syscall after the lock and at each
        on the write side from the first one on; an EIO at each but stdout/stderr
        writes. More than cap of one syscall: the first and last few and a seeded sample
        between (cap 1 or 2: the last ones)."""
        first_w = next((i for i, p in enumerate(points) if p[3]), len(points))
        kill = [p for i, p in enumerate(points) if i == 0 or (i >= first_w and (p[3] or p[0] in ('close', 'flock')))]
        err = [p for p in points if not (p[0] == 'write' and not p[3] and 'fd ' in p[2])
               and not (p[0] == 'write' and p[2] in ('write fd 1', 'write fd 2'))]

        def capped(lst):
            by = {}
            for p in lst:
                by.setdefault(p[0], []).append(p)
            out = []
            for name, ps in by.items():
                if len(ps) > cap and cap < 3:
                    ps = ps[-cap:]      # the last of a syscall is the nearest to the commit
                elif len(ps) > cap:
                    k = cap // 3
                    mid = ps[k:-k]
                    ps = ps[:k] + sorted(self.rng.sample(mid, cap - 2 * k), key=lambda p: p[1]) + ps[-k:]
                out += ps
            return out
        return [('kill', p) for p in capped(kill)] + [('error', p) for p in capped(err)]

    def injected(self, trace, name, label):
        """Whether the fault was injected, and where: the file the syscall was on."""
        fds, last = {}, None
        with open(trace, encoding='utf-8', errors='replace') as f:
            for line in f:
                m = self.LINE_RE.match(line)
                if not m:
                    if 'killed by SIGKILL' in line and last:
                        return True, last
                    continue
                _, sc, argstr, ret = m.groups()
                om = self.OPEN_RE.search(argstr) if sc == 'openat' else None
                if sc == 'openat' and om and ret.lstrip('-').isdigit() and int(ret) >= 0:
                    fds[ret] = os.path.basename(om.group(1))
                if sc == name:
                    fd = argstr.split(',')[0].strip()
                    q = re.findall(r'"((?:[^"\\]|\\.)*)"', argstr)
                    where = os.path.basename(om.group(1)) if om else \
                        fds.get(fd, f'fd {fd}') if fd.isdigit() else (os.path.basename(q[-1]) if q else '')
                    last = f'{sc} {where}'.strip()
                    if '(INJECTED)' in line:
                        return True, last
        return False, label

    def faults(self, kinds, cap, actions):
        """Discovers the syscalls of each kind, then injects the planned faults, the
        kinds taking turns (so a time budget cuts every kind short alike)."""
        t0 = time.time()
        probe = subprocess.run(['strace', '-f', '-qq', '-o', os.devnull, 'true'], capture_output=True)
        if probe.returncode != 0:
            log(f'not ok - crash syscall faults: strace cannot trace here: {probe.stderr.decode()[:300]}')
            return
        self.fresh()
        plans = []
        for kind in kinds:
            points = self.discover(kind)
            if not points:
                log(f'not ok - crash syscall faults: {kind.name}: no syscall found after the lock (flock LOCK_EX)')
            plan = [f for f in self.plan(points, cap) if f[0] in actions]
            c = self.counts.setdefault(('faults', kind.name), Stats())
            c['syscalls after the lock'] = len(points)
            c['planned'] = len(plan)
            plans.append((kind, plan))
        queue = [(kind, plan[i]) for i in range(max((len(p) for _, p in plans), default=0))
                 for kind, plan in plans if i < len(plan)]
        for done, (kind, (action, (name, nth, label, _))) in enumerate(queue):
            if time.time() - t0 > self.args.budget:
                log(f'# faults: stopped at the time budget ({self.args.budget} s) after {done} of {len(queue)} runs')
                break
            ch = self.make(kind)
            ch.base = self.base(ch)
            trace = self.scratch('fault.strace')
            spec = f'{name}:signal=KILL:when={nth}' if action == 'kill' else f'{name}:error=EIO:when={nth}'
            traced = name if name == 'openat' else 'openat,' + name
            res = self.j.run(ch.user, ch.args, extra=self.strace_env(),
                             wrap=['strace', '-f', '-qq', '-o', trace, '-e', 'trace=' + traced, '-e', 'inject=' + spec])
            hit, label = self.injected(trace, name, label)
            c = self.counts[('faults', kind.name)]
            if hit:
                c['injected kills' if action == 'kill' else 'injected errors'] += 1
                self.stats['syscall faults'] += 1
                self.stats['syscall kills' if action == 'kill' else 'syscall errors'] += 1
            self.trial('faults', kind, ch, res, f'{"KILL" if action == "kill" else "EIO"} at {name} #{nth} ({label})'
                       + ('' if hit else ', not reached'), fault=action if hit else None)
        self.report('faults', 'syscall faults')
        log(f'# faults: {len(queue)} planned, {time.time() - t0:.0f} s')

    FIGURES = ['writes', 'kills', 'syscalls after the lock', 'planned', 'injected kills', 'injected errors',
               'interrupted, present', 'interrupted, absent']
    PROBLEMS = ['lost', 'partial', 'verify', 'next writer', 'stray', 'failure']

    def report(self, part, title):
        for kind in self.kinds:
            c = self.counts.get((part, kind.name))
            if not c:
                continue
            figures = ', '.join(f'{c[k]} {k}' for k in self.FIGURES if k in c)
            figures += '; ' + ', '.join(f'{k} {c[k]}' for k in self.PROBLEMS)
            probs = [p for lst in self.problems.get((part, kind.name), {}).values() for p in lst]
            if probs:
                log(f'not ok - crash {title}: {kind.name}: {figures}')
                for p in probs:
                    log(f'#   {p}')
            else:
                log(f'ok - crash {title}: {kind.name}: {figures}')


def base_of(ch):
    return ch.base


# --- part 3: concurrency ------------------------------------------------------------------

def concurrency(h, writers, marks):
    """writers processes enter marks marks each, one command a mark, every key distinct;
    two readers and verify loop the whole time."""
    t0 = time.time()
    h.fresh()
    j = h.j
    j.base_env['EJOURNAL_LOCK_WAIT'] = '300'
    mk = next(k for k in h.kinds if isinstance(k, MarkKind))
    jobs = []
    for pool in mk.pools:
        cls, subj, period, teacher, rel, keys = pool
        if len(keys) >= marks and len(jobs) < writers:
            jobs.append((cls, subj, period, teacher, rel, keys[:marks]))
    if len(jobs) < writers:
        log(f'not ok - concurrency: only {len(jobs)} lessons with {marks} fresh keys')
        return
    stop = threading.Event()
    fails = {'writer': [], 'reader': [], 'verify': []}
    runs = {'writer': 0, 'reader': 0, 'verify': 0}
    lock = threading.Lock()

    def record(what, r, cmd):
        with lock:
            runs[what] += 1
            if SAN_RE.search(r.err):
                fails[what].append(f'{cmd}: exit {r.rc}: sanitizer report: {san_excerpt(r.err)}')
            elif r.rc != 0 or (what == 'verify' and r.out.strip()):
                fails[what].append(f'{cmd}: exit {r.rc}: {(r.out + r.err).strip()[:300]}'.replace('\n', ' | '))

    def writer(job, w):
        cls, subj, period, teacher, rel, keys = job
        for i, (s, kind) in enumerate(keys):
            args = ['mark', cls, subj, DATE, f'{s}={2 + (i + w) % 4}', '--kind', kind,
                    '--comment', f'w{w}m{i}x', '--period', str(period)]
            record('writer', j.run(teacher, args), ' '.join(args))

    def reader(user, args):
        while not stop.is_set():
            record('reader', j.run(user, args), ' '.join(args))

    def verifier():
        while not stop.is_set():
            record('verify', j.verify(), 'verify')

    last_value = {}

    def configurer(key, n):
        # Two admins change two settings at once: neither change may undo the other.
        for i in range(n):
            value = f'МБОУ «Средняя общеобразовательная школа № 18» k{i}x' if key == 'school.name' \
                else f'/var/backups/ejournal-k{i}x'
            r = j.run('sidorov', ['config', 'set', key, value])
            record('writer', r, f'config set {key}')
            if r.rc == 0:
                last_value[key] = value

    ws = [threading.Thread(target=writer, args=(job, w)) for w, job in enumerate(jobs)]
    ws += [threading.Thread(target=configurer, args=(key, max(2, marks // 5))) for key in ConfigKind.keys]
    rs = [threading.Thread(target=reader, args=('morozov', ['mark', 'list', '5А', 'math'])),
          threading.Thread(target=reader, args=('orlova', ['report', 'density', '--class', '5Б'])),
          threading.Thread(target=verifier)]
    for t in rs + ws:
        t.start()
    for t in ws:
        t.join()
    stop.set()
    for t in rs:
        t.join()
    # Every mark is there once, with its history line.
    present = 0
    comments = {}
    for rel in sorted({job[4] for job in jobs}):
        for r in j.table(rel):
            if re.fullmatch(r'w\d+m\d+x', r['comment'] or ''):
                comments[r['comment']] = comments.get(r['comment'], 0) + 1
    present = sum(1 for v in comments.values() if v == 1)
    hist = sum(1 for f in j.history_from(0) if len(f) > 3 and re.search(r'--comment w\d+m\d+x', f[3]))
    v = j.verify()
    total = writers * marks
    figures = (f'{writers} writers x {marks} marks: {present} of {total} present, {hist} history lines, '
               f'{len(fails["writer"])} writer failures; {runs["reader"]} reads, {len(fails["reader"])} failed; '
               f'{runs["verify"]} verify runs, {len(fails["verify"])} false failures; {time.time() - t0:.0f} s')
    settings = {k: ConfigKind.current(j, k) for k in ConfigKind.keys}
    checks = [
        ('every mark of every writer is present once, with its history line',
         present == total and hist == total and len(comments) == total and not fails['writer'], fails['writer']),
        ('two settings changed at once both keep their last value', settings == last_value,
         [f'{k} is {settings[k]!r}, its last config set gave {last_value.get(k)!r}'
          for k in settings if settings[k] != last_value.get(k)]),
        ('readers never fail while marks are written', not fails['reader'], fails['reader']),
        ('verify never reports a problem while marks are written', not fails['verify'], fails['verify']),
        ('verify exits 0 at the end', v.rc == 0 and not v.out.strip(), [v.text()]),
    ]
    for desc, good, detail in checks:
        log(f'{"ok" if good else "not ok"} - concurrency: {desc}')
        if not good:
            for d in detail[:6]:
                log(f'#   {d}')
    log(f'# concurrency: {figures}')
    h.stats['concurrency writes'] = runs['writer']
    h.stats['concurrency false verify failures'] = len(fails['verify'])
    h.stats['concurrency reader failures'] = len(fails['reader'])
    h.stats['concurrency marks missing'] = total - present


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--ej', required=True, help='the ejournal binary')
    ap.add_argument('--template', required=True, help='the example school (examples/school.sh)')
    ap.add_argument('--work', required=True, help='a scratch directory')
    ap.add_argument('--seed', type=int, default=None)
    ap.add_argument('--kills', type=int, default=1650, help='random kills (0: none)')
    ap.add_argument('--faults', default='all', help="'all', 'none' or kinds, comma-separated")
    ap.add_argument('--cap', type=int, default=12, help='at most this many faults per syscall and kind')
    ap.add_argument('--actions', default='kill,error', help="the faults: 'kill', 'error' or both")
    ap.add_argument('--budget', type=float, default=150, help='seconds at most for the kills, and for the faults')
    ap.add_argument('--writers', type=int, default=8)
    ap.add_argument('--marks', type=int, default=100, help='marks per writer (0: no concurrency test)')
    args = ap.parse_args()
    if args.seed is None:
        args.seed = int.from_bytes(os.urandom(4), 'big')
    args.ej = os.path.abspath(args.ej)
    args.template = os.path.abspath(args.template)
    args.work = os.path.abspath(args.work)
    log(f'# crash harness: {os.path.basename(args.ej)}, seed {args.seed} (rerun with --seed {args.seed})')
    t0 = time.time()
    h = Harness(args)
    if args.kills:
        h.kills(args.kills)
    if args.faults != 'none':
        names = [k.name for k in h.kinds] if args.faults == 'all' else args.faults.split(',')
        h.faults([k for k in h.kinds if k.name in names], args.cap, args.actions.split(','))
    if args.marks:
        concurrency(h, args.writers, args.marks)
    s = h.stats
    log(f'crash: {s["writes"]} writes, {s["kills"]} kills, {s["syscall faults"]} syscall faults '
        f'({s["syscall kills"]} kills, {s["syscall errors"]} errors), lost acknowledged {s["lost"]}, '
        f'partial {s["partial"]}, verify failures {s["verify"]}, next-writer failures {s["next writer"]}, '
        f'stray files {s["stray"]}, bad failures {s["failure"]}; '
        f'journal copies {h.j.refreshes}, {time.time() - t0:.0f} s, seed {args.seed}')
    extra = {k: v for k, v in s.items() if k.startswith(('torn', 'backup', 'concurrency', 'refreshes'))}
    if extra:
        log('# ' + ', '.join(f'{k} {v}' for k, v in extra.items()))


if __name__ == '__main__':
    main()
