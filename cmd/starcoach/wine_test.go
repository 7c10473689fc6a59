//go:build wine

package main

import _ "starcoach/internal/winetest" // Go's RemoveAll under Wine
