/*
 * ledger.h: what export (cmd_export.c) writes and verify-export
 * (cmd_verify_export.c) checks: the names in the year's ledger and the
 * MANIFEST's format, kept in one place so the two cannot drift apart.
 *
 * MANIFEST: comment lines start with "# "; every other line is
 * "SHA256HEX  NAME", as sha256sum prints it (so `sha256sum -c MANIFEST`
 * checks the files too, with complaints about the comment lines).  The last
 * line is "# manifest sha256 HEX", the hash of every byte before it.
 */
#ifndef DUBAN_LEDGER_H
#define DUBAN_LEDGER_H

#define LEDGER_MANIFEST	"MANIFEST"
#define LEDGER_AUDIT	"audit.json"
#define LEDGER_EVIDENCE	"evidence.json"
#define LEDGER_EVDIR	"evidence/"
#define LEDGER_SELF	"# manifest sha256 "

#endif
