package device

import (
	"fmt"
	"strings"

	"starcoach/audio"

	"github.com/gordonklaus/portaudio"
)

// List lists the input devices, the system default first.
func List() ([]audio.Device, error) {
	var out []audio.Device
	err := paLocked(func() error {
		all, err := portaudio.Devices()
		if err != nil {
			return fmt.Errorf("list audio devices: %w", err)
		}
		def, _ := portaudio.DefaultInputDevice() // none is not an error here
		for _, d := range all {
			if d.MaxInputChannels < 1 {
				continue
			}
			dev := audio.Device{
				Name:          d.Name,
				SampleRate:    int(d.DefaultSampleRate),
				InputChannels: d.MaxInputChannels,
				IsDefault:     def != nil && d.Index == def.Index,
			}
			if d.HostApi != nil {
				dev.HostAPI = d.HostApi.Name
			}
			if dev.IsDefault {
				out = append([]audio.Device{dev}, out...)
			} else {
				out = append(out, dev)
			}
		}
		return nil
	})
	return out, err
}

// inputDevice finds the device to record from: the default when name is
// empty, else the one with that exact name, else the only one whose name
// contains it (ignoring case), so "USB" picks "USB Audio Device: hw:1,0".
// The caller holds paMu.
func inputDevice(name string) (*portaudio.DeviceInfo, error) {
	if name == "" {
		d, err := portaudio.DefaultInputDevice()
		if err != nil || d == nil {
			return nil, fmt.Errorf("%w: the system has no default input", audio.ErrNoInputDevice)
		}
		return d, nil
	}
	all, err := portaudio.Devices()
	if err != nil {
		return nil, fmt.Errorf("list audio devices: %w", err)
	}
	var matches []*portaudio.DeviceInfo
	for _, d := range all {
		if d.MaxInputChannels < 1 {
			continue
		}
		if d.Name == name {
			return d, nil
		}
		if strings.Contains(strings.ToLower(d.Name), strings.ToLower(name)) {
			matches = append(matches, d)
		}
	}
	switch len(matches) {
	case 0:
		return nil, fmt.Errorf("%w named %q", audio.ErrNoInputDevice, name)
	case 1:
		return matches[0], nil
	}
	names := make([]string, len(matches))
	for i, d := range matches {
		names[i] = fmt.Sprintf("%q", d.Name)
	}
	return nil, fmt.Errorf("input device %q is ambiguous: %s", name, strings.Join(names, ", "))
}
