package inspect

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ParseLeeway reads a clock leeway as the page's field and the CLI's
// --leeway take it: plain seconds, decimals allowed ("90", "1.5"), or a Go
// duration ("90s", "5m", "1m30s"). Surrounding space is ignored. Negative
// values are refused: a leeway widens the validity window, it never narrows
// it.
func ParseLeeway(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		if n < 0 || math.IsNaN(n) || n > 1e9 {
			return 0, fmt.Errorf("leeway %q: give a positive number of seconds", s)
		}
		return time.Duration(n * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("leeway %q: write seconds (90, 1.5) or a duration (90s, 2m, 1m30s)", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("leeway %q: a leeway cannot be negative", s)
	}
	return d, nil
}
