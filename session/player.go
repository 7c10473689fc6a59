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

// Player plays one clip at a time, for a rehearsal and for History alike.
// Toggle with the key that is playing stops it; any other key stops it
// and plays the new one; a request superseded before its audio started
// never plays and never touches what replaced it.
//
// A Player belongs to one goroutine (the session's worker, or the UI's):
// its methods are called there, and post must run a function there; the
// changed and failed callbacks run there too. Opening the speaker and
// stopping it happen off it.
type Player struct {
	speaker Speaker
	resolve func(rel string) (string, error)
	post    func(func())
	changed func(Playing)
	failed  func(error)

	now  Playing
	gen  int      // bumped by every Toggle and Stop
	back Playback // the playback of generation gen, once it started
}

// NewPlayer returns a player that plays the recordings store names
// through speaker.
func NewPlayer(speaker Speaker, store Recordings, post func(func()), changed func(Playing), failed func(error)) *Player {
	return &Player{speaker: speaker, resolve: store.RecordingPath, post: post, changed: changed, failed: failed}
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
	go func() {
		var back Playback
		path, err := p.resolve(rel)
		if err == nil {
			back, err = p.speaker.Play(path, audio.PlayOptions{From: from, To: to})
		}
		p.post(func() { p.started(gen, back, err) })
	}()
}

func (p *Player) started(gen int, back Playback, err error) {
	if gen != p.gen {
		if back != nil {
			go back.Stop() // superseded before a sound was heard
		}
		return
	}
	if err != nil {
		p.set(Playing{})
		p.failed(err)
		return
	}
	p.back = back
	go func() {
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-back.Done():
				p.post(func() {
					if gen == p.gen {
						p.back = nil
						p.set(Playing{})
					}
				})
				return
			case <-tick.C:
				pos := back.Position()
				p.post(func() {
					if gen == p.gen {
						p.set(Playing{Key: p.now.Key, Position: pos})
					}
				})
			}
		}
	}()
}

// Stop stops what is playing, or about to.
func (p *Player) Stop() {
	p.gen++
	if p.back != nil {
		go p.back.Stop() // may wait for the device: not on the caller's goroutine
		p.back = nil
	}
	if p.now.Key != "" {
		p.set(Playing{})
	}
}

func (p *Player) set(now Playing) {
	p.now = now
	p.changed(now)
}
