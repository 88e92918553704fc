package inspect

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// humanDuration writes what the fmt-based wording wrote: the two largest
// adjacent units, milliseconds under a second.
func TestHumanDurationWording(t *testing.T) {
	ref := func(d time.Duration) string {
		if d < 0 {
			d = -d
		}
		if d < time.Second {
			if d == 0 {
				return "0 s"
			}
			return fmt.Sprintf("%d ms", d.Milliseconds())
		}
		var parts []string
		for _, u := range durationUnits {
			if d >= u.size {
				n := d / u.size
				d -= n * u.size
				parts = append(parts, fmt.Sprintf("%d %s", n, u.name))
			} else if len(parts) > 0 {
				break
			}
			if len(parts) == 2 {
				break
			}
		}
		return strings.Join(parts, " ")
	}
	ds := []time.Duration{0, 1, -1, time.Millisecond, 999 * time.Millisecond, time.Second, -time.Second, 59 * time.Second,
		time.Minute, time.Hour + time.Second, 25 * time.Hour, 365 * 24 * time.Hour, 400 * 24 * time.Hour, math.MaxInt64, math.MinInt64 + 1}
	r := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		ds = append(ds, time.Duration(r.Int64N(int64(3*365*24*time.Hour)))-time.Duration(r.Int64N(int64(time.Hour))))
	}
	for _, d := range ds {
		if got, want := humanDuration(d), ref(d); got != want {
			t.Fatalf("humanDuration(%d) = %q, want %q", d, got, want)
		}
	}
}
