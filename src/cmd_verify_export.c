#include "cmd.h"
int cmd_verify_export(struct ctl *c, const struct cmd_entry *ce, json_t *a) { return 1; }
