package pcm

import "sync/atomic"

// A Ring hands fixed-size blocks of samples from one goroutine, which
// fills them, to another, which drains them, without locks or allocation:
// two counters say which blocks are whose.
type Ring struct {
	blocks [][]int16
	head   atomic.Uint64 // blocks published; only the filler moves it
	tail   atomic.Uint64 // blocks released; only the drainer moves it
}

// NewRing returns a ring of n blocks of size samples.
func NewRing(n, size int) *Ring {
	all := make([]int16, n*size)
	r := &Ring{blocks: make([][]int16, n)}
	for i := range r.blocks {
		r.blocks[i] = all[i*size : (i+1)*size : (i+1)*size]
	}
	return r
}

// Free returns the block to fill next, or nil when every block is waiting
// to be drained.
func (r *Ring) Free() []int16 {
	h := r.head.Load()
	if h-r.tail.Load() == uint64(len(r.blocks)) {
		return nil
	}
	return r.blocks[h%uint64(len(r.blocks))]
}

// Publish hands the block from Free to the drainer.
func (r *Ring) Publish() { r.head.Add(1) }

// Filled returns the oldest published block, or nil when there is none.
func (r *Ring) Filled() []int16 {
	t := r.tail.Load()
	if t == r.head.Load() {
		return nil
	}
	return r.blocks[t%uint64(len(r.blocks))]
}

// Release gives the block from Filled back to the filler.
func (r *Ring) Release() { r.tail.Add(1) }
