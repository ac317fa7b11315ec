"""重点任务: the plan's task fields as rows — the 分工表 attachment (:mod:`.table`) and the year's
督办台账 ledger (:mod:`.ledger`, :mod:`.deadlines`, :mod:`.update`)."""
