/* version.h: one version for both programs. */
#ifndef DUBAN_VERSION
#define DUBAN_VERSION	"0.1.0"
#endif
