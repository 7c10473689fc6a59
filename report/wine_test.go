//go:build wine

package report

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
