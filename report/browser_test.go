package report

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/websocket"

	"starcoach/practice"
)

// browser is headless Chromium driven over the DevTools protocol: one
// page, its network events recorded.
type browser struct {
	t        *testing.T
	ws       *websocket.Conn
	id       int
	requests []string // every URL the page asked for
}

// openBrowser starts Chromium (Debian's, or Google Chrome where that is
// what there is) headless, with no network to reach
// (its background fetches off, a proxy that answers nothing), or skips.
func openBrowser(t *testing.T) *browser {
	t.Helper()
	var bin string
	for _, name := range []string{"chromium", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("no Chromium: install chromium (scripts/install-deps.sh --test)")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--mute-audio",
		"--proxy-server=127.0.0.1:9", "--autoplay-policy=no-user-gesture-required",
		"--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1000,1400",
		"--user-data-dir="+t.TempDir(), "about:blank")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	// It says where its DevTools listen on stderr, among other lines.
	listening := regexp.MustCompile(`DevTools listening on (ws://127\.0\.0\.1:(\d+)/\S+)`)
	sc := bufio.NewScanner(stderr)
	port := ""
	for sc.Scan() {
		if m := listening.FindStringSubmatch(sc.Text()); m != nil {
			port = m[2]
			break
		}
	}
	if port == "" {
		t.Fatalf("chromium did not say where its DevTools listen: %v", sc.Err())
	}
	go func() { // keep reading, so that chromium never blocks on a full pipe
		for sc.Scan() {
		}
	}()
	resp, err := http.Get("http://127.0.0.1:" + port + "/json/list")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var targets []struct{ Type, WebSocketDebuggerURL string }
	if err := json.NewDecoder(resp.Body).Decode(&targets); err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		if tg.Type == "page" {
			ws, err := websocket.Dial(tg.WebSocketDebuggerURL, "", "http://127.0.0.1/")
			if err != nil {
				t.Fatal(err)
			}
			// A browser that stops answering fails the test, not the run.
			ws.SetDeadline(time.Now().Add(3 * time.Minute))
			t.Cleanup(func() { ws.Close() })
			b := &browser{t: t, ws: ws}
			b.call("Network.enable", nil, nil)
			b.call("Page.enable", nil, nil)
			return b
		}
	}
	t.Fatal("chromium has no page")
	return nil
}

// call sends a DevTools command and waits for its answer, recording the
// network requests and returning on the event named until (if any)
// after the answer.
func (b *browser) call(method string, params any, result any, until ...string) {
	b.t.Helper()
	b.id++
	msg := map[string]any{"id": b.id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if err := websocket.JSON.Send(b.ws, msg); err != nil {
		b.t.Fatalf("%s: %v", method, err)
	}
	answered := false
	for !answered || len(until) > 0 {
		var in struct {
			ID     int
			Method string
			Params json.RawMessage
			Result json.RawMessage
			Error  *struct{ Message string }
		}
		if err := websocket.JSON.Receive(b.ws, &in); err != nil {
			b.t.Fatalf("%s: %v", method, err)
		}
		switch {
		case in.ID == b.id:
			if in.Error != nil {
				b.t.Fatalf("%s: %s", method, in.Error.Message)
			}
			if result != nil {
				if err := json.Unmarshal(in.Result, result); err != nil {
					b.t.Fatalf("%s: %v", method, err)
				}
			}
			answered = true
		case in.Method == "Network.requestWillBeSent":
			var p struct{ Request struct{ URL string } }
			json.Unmarshal(in.Params, &p)
			b.requests = append(b.requests, p.Request.URL)
		case len(until) > 0 && in.Method == until[0]:
			until = nil
		}
	}
}

// eval runs a script in the page, waits for the promise it returns, and
// decodes its value.
func (b *browser) eval(script string, v any) {
	b.t.Helper()
	var res struct {
		Result           struct{ Value json.RawMessage }
		ExceptionDetails *struct{ Text string }
	}
	b.call("Runtime.evaluate", map[string]any{"expression": script, "awaitPromise": true, "returnByValue": true}, &res)
	if res.ExceptionDetails != nil {
		b.t.Fatalf("script: %s", res.ExceptionDetails.Text)
	}
	if err := json.Unmarshal(res.Result.Value, v); err != nil {
		b.t.Fatalf("script's value %s: %v", res.Result.Value, err)
	}
}

// playAll plays every audio element of the page at once, each 16 times
// faster than spoken, and says how each one ended, in page order.
const playAll = `Promise.all([...document.querySelectorAll('audio')].map(a => new Promise(done => {
	const end = what => done({what, duration: a.duration, at: a.currentTime});
	a.addEventListener('ended', () => end('ended'), {once: true});
	a.addEventListener('error', () => end('error ' + (a.error && a.error.code)), {once: true});
	a.playbackRate = 16;
	a.play().catch(e => end('refused: ' + e.name));
})))`

// The report opened in Chromium as the candidate would open the file:
// it loads asking for nothing but itself (no network, which this browser
// could not reach anyway), every recording plays to its end, each as
// long as its take, and it draws: a screenshot, written where
// $REPORT_SCREENSHOT says, is what the README shows.
func TestReportPlaysInChromium(t *testing.T) {
	r := record(t)
	var page bytes.Buffer
	if err := Write(context.Background(), &page, r.db, r.bank, []int64{r.attempt.ID}, time.Date(2026, 12, 7, 10, 0, 0, 0, time.Local), nil); err != nil {
		t.Fatal(err)
	}
	var kept []time.Duration
	for _, tk := range r.takes {
		if tk.Step != "result" { // its recording was lost
			kept = append(kept, tk.Duration)
		}
	}
	playsInChromium(t, page.Bytes(), kept, os.Getenv("REPORT_SCREENSHOT"))
}

// The report of a loop of four questions, one story told for two of
// them, opened in Chromium: it asks for nothing but itself and every
// answer's every recording plays to its end; a screenshot, written
// where $REPORT_LOOP_SCREENSHOT says, is what the README shows.
func TestLoopReportPlaysInChromium(t *testing.T) {
	_, db, bank := openStore(t)
	start := time.Date(2026, 12, 7, 10, 0, 0, 0, time.Local)
	stories := map[string][]string{
		"Payments outage":          {"Ownership", "Dive Deep"},
		"Schema migration dispute": {"Earn Trust", "Have Backbone; Disagree and Commit"},
		"Black Friday launch":      {"Deliver Results", "Bias for Action"},
		"Flaky test quarantine":    {"Dive Deep", "Insist on the Highest Standards"},
	}
	answers := []loopAnswer{
		{question: "failure", competency: "Ownership", story: "Payments outage", steps: 5, speech: 132 * time.Second, followUp: 40 * time.Second},
		{question: "conflict-with-coworker", competency: "Earn Trust", story: "Schema migration dispute", steps: 5, speech: 158 * time.Second, followUp: 35 * time.Second},
		{question: "deep-debugging", competency: "Dive Deep", story: "Payments outage", steps: 5, speech: 140 * time.Second, followUp: 45 * time.Second},
		{question: "tight-deadline", competency: "Deliver Results", story: "Black Friday launch", steps: 5, speech: 110 * time.Second, followUp: 30 * time.Second},
	}
	l, lengths := recordLoop(t, db, bank, "sde2", start, stories, answers, practice.Complete)
	var page bytes.Buffer
	if err := WriteLoop(context.Background(), &page, db, bank, l.ID, start.Add(50*time.Minute), nil); err != nil {
		t.Fatal(err)
	}
	playsInChromium(t, page.Bytes(), lengths, os.Getenv("REPORT_LOOP_SCREENSHOT"))
}

// playsInChromium opens page as a file in headless Chromium and plays
// every recording in it: each must play to its end, lasting as long as
// lengths says, and the page must ask for nothing but itself while
// loading and playing. It writes a screenshot of the page's top to
// shot, unless "".
func playsInChromium(t *testing.T, page []byte, lengths []time.Duration, shot string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, page, 0o600); err != nil {
		t.Fatal(err)
	}
	b := openBrowser(t)
	b.call("Page.navigate", map[string]any{"url": "file://" + path}, nil, "Page.loadEventFired")
	var played []struct {
		What     string
		Duration float64
		At       float64
	}
	b.eval(playAll, &played)
	if len(played) != len(lengths) {
		t.Fatalf("%d recordings played, want %d: %+v", len(played), len(lengths), played)
	}
	for i, p := range played {
		want := lengths[i].Seconds()
		if p.What != "ended" || abs(p.Duration-want) > 0.01 || abs(p.At-want) > 0.01 {
			t.Errorf("recording %d: %s at %.2f s of %.2f s, want it to end at %.2f s", i+1, p.What, p.At, p.Duration, want)
		}
	}
	for _, u := range b.requests { // while loading and playing
		if u != "file://"+path && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page asked for %.80s", u)
		}
	}
	var res struct{ Data string }
	b.call("Page.captureScreenshot", map[string]any{"format": "png"}, &res)
	png, err := base64.StdEncoding.DecodeString(res.Data)
	if err != nil || len(png) < 10000 {
		t.Fatalf("screenshot: %d bytes, %v", len(png), err)
	}
	if shot != "" {
		if err := os.WriteFile(shot, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d bytes of page, %d recordings played to their end", len(page), len(played))
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
