#include "cmd.h"
int cmd_export(struct ctl *c, const struct cmd_entry *ce, json_t *a) { return 1; }
