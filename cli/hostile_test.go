package cli

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/spinecoach/spinecoach/store"
	"github.com/spinecoach/spinecoach/store/fakehistory"
)

// Issue 13: every file and every terminal treated as hostile, through the
// real binary. Each test here builds it once (buildOnce) and runs it as a
// patient's shell would.

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// buildOnce builds the binary into a directory shared by these tests.
func buildOnce(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "spinecoach-hostile-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "spinecoach")
		if out, err := exec.Command("go", "build", "-o", binPath, "..").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// result is one run of the binary.
type result struct {
	code           int
	stdout, stderr string
	took           time.Duration
	maxRSS         int64 // bytes
}

// runBin runs the binary with args and env (added to a clean one), killing
// it after limit.
//
// The peak resident size is measured by GNU time when it is installed
// (else it is 0): a child started by this process carries this process's
// peak into its own across exec, as Linux keeps it, but one that time
// forks does not.
func runBin(t *testing.T, limit time.Duration, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(buildOnce(t), args...)
	rss := ""
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		rss = filepath.Join(t.TempDir(), "rss")
		cmd = exec.Command("/usr/bin/time", append([]string{"-f", "%M", "-o", rss, buildOnce(t)}, args...)...)
	}
	cmd.Env = append(cleanEnv(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(limit, func() { _ = cmd.Process.Kill() })
	_ = cmd.Wait()
	timer.Stop()
	r := result{code: cmd.ProcessState.ExitCode(), stdout: out.String(), stderr: errOut.String(), took: time.Since(start)}
	if rss != "" {
		b, _ := os.ReadFile(rss) // "Command exited with non-zero status N" first, then the figure
		lines := strings.Fields(string(b))
		if len(lines) > 0 {
			kb, _ := strconv.ParseInt(lines[len(lines)-1], 10, 64)
			r.maxRSS = kb << 10
		}
	}
	return r
}

// cleanEnv is the environment without the caller's data file or clock.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SPINECOACH_") && !strings.HasPrefix(kv, "XDG_DATA_HOME=") {
			env = append(env, kv)
		}
	}
	return env
}

// noEscape fails if any output of r carries an escape or another control
// character but the line break.
func noEscape(t *testing.T, what string, r result) {
	t.Helper()
	for name, out := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
		if i := strings.IndexFunc(out, func(c rune) bool { return c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 && c <= 0x9f }); i >= 0 {
			t.Errorf("%s: %s carries %q at byte %d:\n%q", what, name, out[i], i, out)
		}
	}
}

const hostileRoutine = `id = "evil"
name = "Evil routine"
phase = 1
[[exercise]]
id = "glide"
name = "Glide\u001b]52;c;aGVsbG8=\u0007\u001b[2J"
position = "On your back."
cues = ["Breathe."]
reps = 1
hold_s = 10
`

// TestHostileTextNeverReachesOutput: a routine and an import carrying
// escape sequences are refused with a sentence that names the character
// by its code, and no output of any command carries a raw control
// character: not for them, and not for a data file written before they
// were refused (patched here), whose text shows as U+FFFD.
func TestHostileTextNeverReachesOutput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	env := []string{"SPINECOACH_NOW=2026-11-22T08:00:00+01:00"}
	evil := filepath.Join(dir, "evil.toml")
	mustWrite(t, evil, hostileRoutine)

	for _, args := range [][]string{
		{"--routine-file", evil, "routines"},
		{"--routine-file", evil, "routines", "show", "evil"},
		{"--db", db, "--routine-file", evil, "start"},
		{"--db", db, "routines", "import", evil},
	} {
		r := runBin(t, 10*time.Second, env, args...)
		if r.code != 2 || !strings.Contains(r.stderr, `exercise "glide": name has an escape character (U+001B) at byte 5`) {
			t.Errorf("%v: exit %d, %q", args, r.code, r.stderr)
		}
		noEscape(t, strings.Join(args, " "), r)
	}

	// An import with escapes in every kind of text.
	r := runBin(t, 10*time.Second, env, "--db", db, "setup", "--surgery-date", "2026-11-01")
	if r.code != 0 {
		t.Fatalf("setup: %d %s", r.code, r.stderr)
	}
	at := time.Date(2026, 11, 21, 9, 0, 0, 0, time.FixedZone("", 3600))
	id := store.NewSessionID(at)
	tmpl := fmt.Sprintf(`{"format":"spinecoach-export","version":1,"sessions":[{"id":%q,"started_at":%q,"status":"completed","baseline_pain":2,"routine":"P{routine}","note":"N{note}",
"sets":[{"index":0,"exercise_id":"glide","exercise":"Glide{exercise}","pain":3,"side":"left","hold_s":30}],
"events":[{"seq":0,"rule":"amber","reason":"Pain rose.{reason}","level_before":0,"level_after":1,"side":""},
{"seq":1,"rule":"warning-sign","reason":"A sign.","sign":"A fall{sign}","tier":"surgeon","level_before":1,"level_after":1,"side":""}]}]}`, id, at.Format(time.RFC3339))
	fields := []string{"routine", "note", "exercise", "reason", "sign"}
	for _, field := range fields {
		doc := tmpl
		for _, f := range fields {
			with := ""
			if f == field {
				with = `\u001b]52;c;aGk=\u0007\u001b[2J`
			}
			doc = strings.Replace(doc, "{"+f+"}", with, 1)
		}
		file := filepath.Join(dir, "evil.json")
		mustWrite(t, file, doc)
		r := runBin(t, 10*time.Second, env, "--db", db, "import", file)
		if r.code != 2 || !strings.Contains(r.stderr, field+" has an escape character (U+001B)") || !strings.Contains(r.stderr, "nothing was imported") {
			t.Errorf("import with an escape in the %s: exit %d, %q", field, r.code, r.stderr)
		}
		noEscape(t, "import "+field, r)
	}

	// A file from before: text with escapes, as JSON escapes of the same
	// length as what they replace.
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sess := store.Session{ID: id, StartedAt: at, EndedAt: at.Add(time.Minute), RoutineID: "phase1", Routine: "Phase@@@@@@",
		Baseline: 2, Status: store.StatusCompleted, Note: "Note@@@@@@"}
	dec := store.Decision{SessionID: id, At: at, Rule: "amber", ExerciseID: "glide", Exercise: "Glide@@@@@@", LevelAfter: 1, Reason: "Pain@@@@@@ rose."}
	must(t, st.PutSessionWithDecisions(sess, []store.Decision{dec}))
	// A skipped set: a scored one would also be counted in the day's
	// exercise aggregate, whose name is kept raw, and the patch below
	// would make the two disagree.
	must(t, st.RecordSet(store.SetRecord{SessionID: id, ExerciseID: "glide", Exercise: "Glide@@@@@@", Side: 1, SetNo: 1,
		RepsPlanned: 3, Hold: 30 * time.Second, Pain: -1, Skipped: true, At: at}))
	must(t, st.Close())
	data, err := os.ReadFile(db)
	must(t, err)
	if bytes.Count(data, []byte("@@@@@@")) < 4 {
		t.Fatal("nothing to patch")
	}
	must(t, os.WriteFile(db, bytes.ReplaceAll(data, []byte("@@@@@@"), []byte(`\u001b`)), 0o600))
	out := filepath.Join(dir, "out.csv")
	for _, args := range [][]string{
		{"history"}, {"history", "--days", "3650"}, {"export"}, {"export", "--format", "json"},
		{"export", "--out", out}, {"trends", "--plain"}, {"routines"}, {"routines", "show"}, {"check"},
	} {
		r := runBin(t, 10*time.Second, env, append([]string{"--db", db}, args...)...)
		if r.code != 0 {
			t.Errorf("%v: exit %d %s", args, r.code, r.stderr)
		}
		noEscape(t, strings.Join(args, " "), r)
	}
	written, err := os.ReadFile(out)
	must(t, err)
	noEscape(t, "export --out", result{stdout: string(written)})
	if !strings.Contains(string(written), "Glide\uFFFD") {
		t.Errorf("the export does not show the old text as U+FFFD:\n%s", written)
	}

	// The trends screen, which shows the cut-back's sentence: of all the
	// escape sequences on the terminal, only the renderer's own.
	p := runPty(t, env, "--db", db, "--no-bell", "trends", "--days", "7")
	p.waitOutput(t, "more below: press j")
	for i := 0; i < 40 && !strings.Contains(p.output(), "Pain\uFFFD rose."); i++ {
		p.send(t, "j")
		time.Sleep(50 * time.Millisecond)
	}
	p.waitOutput(t, "Pain\uFFFD rose.")
	screen := p.output()
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\x07", "\x1bP", "\u009b"} {
		if strings.Contains(screen, bad) {
			t.Errorf("the trends screen sent %q to the terminal", bad)
		}
	}
}

// flipValueLength sets bit of the stored value length of the record
// whose key is key, in every leaf page that holds it (a page freed
// earlier may hold an old copy; only the live one matters). It knows the
// page layout of store/pages.go; bbolt's page size is the OS's.
func flipValueLength(t *testing.T, path string, key []byte, bit int) {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	ne := binary.NativeEndian
	ps := os.Getpagesize()
	n := 0
	for off := 2 * ps; off+ps <= len(data); off += ps {
		p := data[off : off+ps]
		if ne.Uint16(p[8:]) != 0x02 { // a leaf page
			continue
		}
		for i := 0; i < int(ne.Uint16(p[10:])) && 16+i*16+16 <= ps; i++ {
			e := p[16+i*16:]
			start := 16 + i*16 + int(ne.Uint32(e[4:]))
			ksize := int(ne.Uint32(e[8:]))
			if start+ksize <= ps && bytes.Equal(p[start:start+ksize], key) {
				ne.PutUint32(e[12:], ne.Uint32(e[12:])^1<<bit)
				n++
			}
		}
	}
	if n == 0 {
		t.Fatalf("no leaf holds %q", key)
	}
	must(t, os.WriteFile(path, data, 0o600))
}

// history writes days of made-up history (store/fakehistory) to a new
// data file and returns a session ID from its middle.
func history(t *testing.T, path string, days int) string {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	must(t, err)
	first := time.Date(2025, 11, 1, 0, 0, 0, 0, time.Local)
	hist := fakehistory.Days(rand.New(rand.NewPCG(13, 13)), first, 0, days)
	_, err = st.Import(hist)
	must(t, err)
	must(t, st.PutProfile(store.Profile{SurgeryDate: "2025-10-30", Region: "lumbar", ClearedPhase: 5}))
	must(t, st.Close())
	return hist[len(hist)/2].Session.ID
}

// TestDamagedLengthRefusedByEveryCommand: one flipped bit in a stored
// value's length. Every command refuses the file in one sentence within
// 2 s and under 64 MiB, and leaves it byte for byte as it was; those that
// read only a window of days: window_test.go.
func TestDamagedLengthRefusedByEveryCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	id := history(t, db, 365)
	good := filepath.Join(dir, "good.json")
	if r := runBin(t, time.Minute, nil, "--db", db, "export", "--format", "json", "--out", good); r.code != 0 {
		t.Fatalf("export: %s", r.stderr)
	}
	flipValueLength(t, db, []byte(id), 29)
	damaged, err := os.ReadFile(db)
	must(t, err)
	env := []string{"SPINECOACH_NOW=2026-11-22T08:00:00+01:00"}
	for _, args := range [][]string{
		{"check"}, {"export"}, {"export", "--format", "json"}, {"import", good}, {"backup", filepath.Join(dir, "b.db")},
		{"setup", "--surgery-date", "2026-01-01"}, {"history"}, {"trends", "--plain"},
		{"routines", "import", filepath.Join("..", "assets", "routines", "phase1.toml")}, {"routines", "reset"},
	} {
		r := runBin(t, 20*time.Second, env, append([]string{"--db", db}, args...)...)
		name := strings.Join(args, " ")
		if r.code != 2 || !strings.Contains(r.stderr, db+" is damaged: page ") || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
			t.Errorf("%s: exit %d, %q", name, r.code, r.stderr)
		}
		if r.took > 2*time.Second || r.maxRSS > 64<<20 {
			t.Errorf("%s: refused after %v, at %d MiB", name, r.took, r.maxRSS>>20)
		}
		t.Logf("%-22s exit %d in %5.0f ms, %2d MiB", name, r.code, r.took.Seconds()*1000, r.maxRSS>>20)
	}
	// The coach itself, on a terminal: it shows at once, then ends.
	p := runPty(t, env, "--db", db, "--no-bell")
	code, took := p.wait(t, 10*time.Second)
	if code != 2 || !strings.Contains(p.output(), "is damaged: page ") || took > 2*time.Second {
		t.Errorf("the coach: exit %d after %v:\n%s", code, took, p.output())
	}
	if now, _ := os.ReadFile(db); !bytes.Equal(now, damaged) {
		t.Error("a command changed the damaged file")
	}
}

// TestOnlyRegularFilesAreDataFiles: --db naming a named pipe (with no
// writer), a device or a directory is refused at once.
func TestOnlyRegularFilesAreDataFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	must(t, syscall.Mkfifo(fifo, 0o600))
	for _, path := range []string{fifo, "/dev/zero", dir} {
		for _, args := range [][]string{{"history"}, {"setup", "--surgery-date", "2026-01-01"}, {"check"}, {"import", fifo}} {
			r := runBin(t, 10*time.Second, nil, append([]string{"--db", path}, args...)...)
			if r.code != 2 || r.took > 2*time.Second || !strings.Contains(r.stderr, path+" is ") {
				t.Errorf("--db %s %v: exit %d after %v, %q", path, args, r.code, r.took, r.stderr)
			}
		}
	}
}

// TestKillDuringFirstCreate: spinecoach killed at random moments of its
// very first start never leaves a file at the path that a later start
// refuses; and an empty file at the default path, as an older spinecoach
// could leave it, is replaced with a sentence.
func TestKillDuringFirstCreate(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(13, 1))
	// How long a first start takes, to spread the kills over all of it.
	cmd := exec.Command(buildOnce(t), "--db", filepath.Join(dir, "timing", "a.db"), "setup", "--surgery-date", "2026-01-01")
	cmd.Env = cleanEnv()
	start := time.Now()
	must(t, cmd.Run())
	took := time.Since(start)
	kept := 0
	for i := 0; i < 25; i++ {
		db := filepath.Join(dir, strconv.Itoa(i), "data", "spinecoach.db")
		cmd := exec.Command(buildOnce(t), "--db", db, "setup", "--surgery-date", "2026-01-01")
		cmd.Env = cleanEnv()
		must(t, cmd.Start())
		time.Sleep(time.Duration(rng.Int64N(int64(took) * 6 / 5)))
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		if _, err := os.Stat(db); err == nil {
			kept++
			if r := runBin(t, 10*time.Second, nil, "--db", db, "check"); r.code != 0 {
				t.Fatalf("kill %d: the file left does not check: %s", i, r.stderr)
			}
		}
		if r := runBin(t, 10*time.Second, nil, "--db", db, "setup", "--surgery-date", "2026-01-01"); r.code != 0 {
			t.Fatalf("kill %d: the next start fails: %s", i, r.stderr)
		}
	}
	t.Logf("25 kills during a first start of %v: %d left a whole file, %d none", took, kept, 25-kept)

	xdg := filepath.Join(dir, "xdg")
	path := filepath.Join(xdg, "spinecoach", "spinecoach.db")
	must(t, os.MkdirAll(filepath.Dir(path), 0o700))
	must(t, os.WriteFile(path, nil, 0o600))
	env := []string{"XDG_DATA_HOME=" + xdg}
	if r := runBin(t, 10*time.Second, env, "history"); r.code != 2 || !strings.Contains(r.stderr, "spinecoach (or spinecoach setup) will make a new data file in its place") {
		t.Errorf("history on the empty default file: exit %d, %q", r.code, r.stderr)
	}
	r := runBin(t, 10*time.Second, env, "setup", "--surgery-date", "2026-01-01")
	if r.code != 0 || !strings.Contains(r.stderr, path+" was an empty file, left by a first start that was cut short") {
		t.Errorf("setup on the empty default file: exit %d, %q", r.code, r.stderr)
	}
	if r := runBin(t, 10*time.Second, env, "check"); r.code != 0 {
		t.Errorf("check after the recovery: %s", r.stderr)
	}
	other := filepath.Join(dir, "named.db") // a file the patient named is never replaced
	must(t, os.WriteFile(other, nil, 0o600))
	if r := runBin(t, 10*time.Second, nil, "--db", other, "setup", "--surgery-date", "2026-01-01"); r.code != 2 {
		t.Errorf("an empty file given with --db was taken: %s", r.stderr)
	}
}

// ptyRun is the binary on a pseudo-terminal of its own.
type ptyRun struct {
	cmd    *exec.Cmd
	ptmx   *os.File
	mu     sync.Mutex
	out    bytes.Buffer
	done   chan struct{} // the program ended
	stop   chan struct{} // the reader is to stop
	readen chan struct{} // the reader stopped
	at     time.Time
}

// runPty starts the binary with a new pseudo-terminal as its standard
// input, output and error. It is not the terminal's controlling process:
// closing the terminal sends it no SIGHUP.
func runPty(t *testing.T, env []string, args ...string) *ptyRun {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	must(t, unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0))
	n, err := unix.IoctlGetUint32(int(ptmx.Fd()), unix.TIOCGPTN)
	must(t, err)
	pts, err := os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|unix.O_NOCTTY, 0)
	must(t, err)
	must(t, unix.IoctlSetWinsize(int(pts.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 24, Col: 80}))
	p := &ptyRun{ptmx: ptmx, done: make(chan struct{}), stop: make(chan struct{}), readen: make(chan struct{}), at: time.Now()}
	p.cmd = exec.Command(buildOnce(t), args...)
	p.cmd.Env = append(cleanEnv(), append(env, "TERM=xterm-256color")...)
	p.cmd.Stdin, p.cmd.Stdout, p.cmd.Stderr = pts, pts, pts
	must(t, p.cmd.Start())
	pts.Close()
	// The reader waits in poll with a timeout rather than in read: a read
	// in progress would keep the terminal open after Close, and the
	// program would never see it go.
	fd := int(ptmx.Fd())
	go func() {
		defer close(p.readen)
		buf := make([]byte, 4096)
		for {
			select {
			case <-p.stop:
				return
			default:
			}
			fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
			if n, err := unix.Poll(fds, 50); err != nil && err != unix.EINTR || n == 0 || fds[0].Revents&unix.POLLIN == 0 {
				if err == nil && n > 0 && fds[0].Revents&(unix.POLLHUP|unix.POLLERR) != 0 {
					return
				}
				continue
			}
			n, err := unix.Read(fd, buf)
			if n > 0 {
				p.mu.Lock()
				p.out.Write(buf[:n])
				p.mu.Unlock()
			}
			if err != nil && err != unix.EINTR && err != unix.EAGAIN {
				return
			}
		}
	}()
	go func() {
		_ = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.done
		p.hangUp()
	})
	return p
}

// send types keys on the terminal.
func (p *ptyRun) send(t *testing.T, keys string) {
	t.Helper()
	if _, err := unix.Write(int(p.ptmx.Fd()), []byte(keys)); err != nil {
		t.Fatal(err)
	}
}

// hangUp closes the terminal's other end, as a closed window does.
func (p *ptyRun) hangUp() {
	select {
	case <-p.stop:
		return
	default:
	}
	close(p.stop)
	<-p.readen
	p.ptmx.Close()
}

func (p *ptyRun) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// waitOutput waits until the terminal has shown s.
func (p *ptyRun) waitOutput(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(p.output(), s) {
		select {
		case <-p.done:
			t.Fatalf("the program ended before showing %q:\n%q", s, p.output())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %q:\n%q", s, p.output())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// wait waits for the program to end and returns its exit status and how
// long it ran.
func (p *ptyRun) wait(t *testing.T, limit time.Duration) (int, time.Duration) {
	t.Helper()
	select {
	case <-p.done:
		took := time.Since(p.at)
		// The reader may not have taken the program's last words off the
		// terminal yet: it ends when the terminal hangs up, after them.
		select {
		case <-p.readen:
		case <-time.After(2 * time.Second):
		}
		return p.cmd.ProcessState.ExitCode(), took
	case <-time.After(limit):
		t.Fatalf("the program did not end within %v:\n%q", limit, p.output())
		return 0, 0
	}
}

// TestTerminalGoneEndsInOrder: the terminal closes and no SIGHUP comes.
// The coach ends within seconds, releasing the data file, which checks.
func TestTerminalGoneEndsInOrder(t *testing.T) {
	for _, c := range []struct {
		name, shown string
		args        []string
	}{
		{"the screen", "Press Enter to start.", nil},
		{"plain", "Press Enter to start today's session", []string{"--plain"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "a.db")
			if r := runBin(t, 10*time.Second, nil, "--db", db, "setup", "--surgery-date", "2026-11-01"); r.code != 0 {
				t.Fatal(r.stderr)
			}
			p := runPty(t, []string{"SPINECOACH_NOW=2026-11-22T08:00:00+01:00"}, append([]string{"--db", db, "--no-bell"}, c.args...)...)
			p.waitOutput(t, c.shown)
			p.at = time.Now()
			p.hangUp()
			if code, took := p.wait(t, 10*time.Second); code != 1 || took > 3*time.Second {
				t.Errorf("after the terminal went away: exit %d after %v", code, took)
			}
			st, err := store.Open(db, store.Options{LockTimeout: 100 * time.Millisecond})
			if err != nil {
				t.Fatalf("the data file is still held: %v", err)
			}
			must(t, st.Check())
			must(t, st.Close())
		})
	}
}

func mustWrite(t *testing.T, path, text string) {
	t.Helper()
	must(t, os.WriteFile(path, []byte(text), 0o600))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
