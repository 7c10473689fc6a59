// A stand-in for Windows' bcryptprimitives.dll, for testing under Wine
// only: Go 1.24 and later take their random numbers from its ProcessPrng,
// which Windows 10 has and Wine 8.0 does not, so a Go program stops at
// start there. This one answers from RtlGenRandom, which Wine has.
// scripts/wine-smoke.sh builds it into a throwaway Wine prefix; it is
// never shipped.
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); // RtlGenRandom

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T n)
{
	while (n > 0) {
		ULONG chunk = n > 0x40000000 ? 0x40000000 : (ULONG)n;
		if (!SystemFunction036(data, chunk))
			return FALSE;
		data += chunk;
		n -= chunk;
	}
	return TRUE;
}
