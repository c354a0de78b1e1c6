-- wrk script: POST a notification-sized JSON body, as duband's webhook does.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json; charset=utf-8"
wrk.body = '{"type":"duban.notification","id":"bench","subject":"【督办提醒】镇领导班子法治专题讲座（2026）","text":"截止日期：2026-12-31（还有 30 天）\\n依据：《实施方案》第35项\\n牵头单位：组织办\\n配合单位：法制办、司法分局\\n完成进度：已完成 1/2 次"}'
