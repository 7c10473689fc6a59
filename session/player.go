package session

import (
	"time"

	"starcoach/audio"
)

// Playing is what a Player is playing: Key names it (empty: nothing) and
// Position is the playhead in the file, absolute, so a timeline of the
// whole recording can draw it as it is.
type Playing struct {
	Key      string
	Position time.Duration
}

// PlayheadEvery is how often a playing clip's playhead moves on screen.
const PlayheadEvery = 100 * time.Millisecond

// Player plays one clip at a time, for a rehearsal and for History alike.
// Toggle with the key that is playing stops it; any other key stops it
// and plays the new one; a request superseded before its audio started
// never plays and never touches what replaced it.
//
// A Player belongs to one goroutine (the session's worker, or the UI's):
// its methods are called there, and the changed and failed callbacks run
// there. Opening the speaker and stopping it, which may wait for the
// device, run off it (Runner.Off); the playhead moves on the clock's
// ticks.
type Player struct {
	speaker Speaker
	resolve func(rel string) (string, error)
	run     Runner
	clock   Clock
	changed func(Playing)
	failed  func(error)

	now  Playing
	gen  int      // bumped by every Toggle and Stop
	back Playback // the playback of generation gen, once it started
	tick func()   // stops the playhead's ticks
}

// Runner is where a Player's callbacks run (Go) and where its slow work
// runs (Off): a Worker, or the UI's bridge.
type Runner interface {
	Go(job func())
	Off(task, done func())
}

// NewPlayer returns a player that plays the recordings store names
// through speaker.
func NewPlayer(speaker Speaker, store Recordings, run Runner, clock Clock, changed func(Playing), failed func(error)) *Player {
	return &Player{speaker: speaker, resolve: store.RecordingPath, run: run, clock: clock, changed: changed, failed: failed}
}

// Now is what is playing.
func (p *Player) Now() Playing { return p.now }

// Toggle plays [from, to) of the recording a take names as rel under key
// (to 0: to the end), or stops it when key is what is playing.
func (p *Player) Toggle(key, rel string, from, to time.Duration) {
	if p.now.Key == key && key != "" {
		p.Stop()
		return
	}
	p.Stop()
	p.gen++
	gen := p.gen
	p.set(Playing{Key: key, Position: from})
	var back Playback
	var err error
	p.run.Off(func() {
		var path string
		if path, err = p.resolve(rel); err == nil {
			back, err = p.speaker.Play(path, audio.PlayOptions{From: from, To: to})
		}
	}, func() { p.started(gen, back, err) })
}

func (p *Player) started(gen int, back Playback, err error) {
	if gen != p.gen {
		if back != nil {
			p.run.Off(back.Stop, nil) // superseded before a sound was heard
		}
		return
	}
	if err != nil {
		p.set(Playing{})
		p.failed(err)
		return
	}
	p.back = back
	p.tick = p.clock.Every(PlayheadEvery, func() { p.run.Go(func() { p.moved(gen) }) })
}

// moved follows playback gen on a tick: its playhead, or its end.
func (p *Player) moved(gen int) {
	if gen != p.gen || p.back == nil {
		return
	}
	select {
	case <-p.back.Done():
		p.back = nil
		p.stopTicks()
		p.set(Playing{})
	default:
		p.set(Playing{Key: p.now.Key, Position: p.back.Position()})
	}
}

// Stop stops what is playing, or about to.
func (p *Player) Stop() {
	p.gen++
	p.stopTicks()
	if p.back != nil {
		p.run.Off(p.back.Stop, nil) // may wait for the device
		p.back = nil
	}
	if p.now.Key != "" {
		p.set(Playing{})
	}
}

func (p *Player) stopTicks() {
	if p.tick != nil {
		p.tick()
		p.tick = nil
	}
}

func (p *Player) set(now Playing) {
	p.now = now
	p.changed(now)
}
