"""The terminal's words: ``siyu compare``'s monthly column labels, its verdict sentences, the
no-private-domain lines and the paired comparison's table, in English and Chinese."""

from __future__ import annotations

#: Column labels of the monthly table (``col_`` + the column's name).
COLUMNS: dict[str, dict[str, str]] = {
    "col_month": {"en": "month", "zh": "月份"},
    "col_scenario": {"en": "scenario", "zh": "方案"},
    "col_active": {"en": "active", "zh": "活跃成员"},
    "col_muted": {"en": "muted", "zh": "免打扰"},
    "col_churned": {"en": "churned", "zh": "已退群"},
    "col_mean_trust": {"en": "trust", "zh": "平均信任"},
    "col_gmv": {"en": "GMV", "zh": "GMV"},
    "col_profit": {"en": "ledger profit", "zh": "账面利润"},
    "col_cum_profit": {"en": "ledger cum. profit", "zh": "账面累计利润"},
    "col_roi": {"en": "ledger ROI", "zh": "账面回报率"},
    "col_alt_ads_cum_profit": {"en": "paid ads cum. profit", "zh": "投广告累计利润"},
    "col_cum_incremental_profit": {"en": "added profit (cum.)", "zh": "累计净增利润"},
    "col_incremental_roi": {"en": "added ROI", "zh": "净增回报率"},
}

VERDICT: dict[str, dict[str, str]] = {
    "verdict_lead": {
        "en": "{metric}: {leader} leads at month {last} ({lead_value} vs {other_value} for {other}), "
              "ahead since month {since}.",
        "zh": "{metric}：第{last}个月时 {leader} 领先（{lead_value}，{other} 为 {other_value}），"
              "自第{since}个月起一直领先。"},
    "verdict_lead_start": {
        "en": "{metric}: {leader} leads at month {last} ({lead_value} vs {other_value} for "
              "{other}), ahead from the start.",
        "zh": "{metric}：第{last}个月时 {leader} 领先（{lead_value}，{other} 为 {other_value}），"
              "从一开始就领先。"},
    "verdict_before": {"en": " Before that, {first} was ahead.", "zh": "在此之前 {first} 领先。"},
    "verdict_tie": {"en": "{metric}: no one is ahead at month {last} ({values}).",
                    "zh": "{metric}：第{last}个月时不分高下（{values}）。"},
    "verdict_added": {"en": "Profit added over no private domain (cumulative)",
                      "zh": "相对不做私域的净增利润（累计）"},
    "verdict_gmv": {"en": "Ledger GMV (cumulative, whole run)", "zh": "账面GMV（累计，全程）"},
    "verdict_gmv_month": {"en": "Ledger GMV in month {last} alone", "zh": "仅第{last}个月的账面GMV"},
    "verdict_profit": {"en": "Ledger profit (cumulative)", "zh": "账面利润（累计）"},
    "verdict_active": {"en": "Relationship health, active members", "zh": "客户关系：活跃成员"},
    "verdict_trust": {"en": "Relationship health, mean trust", "zh": "客户关系：平均信任"},
    "verdict_ci": {"en": " (95% paired interval over {n} runs: {lo} to {hi})",
                   "zh": "（{n} 次配对运行的 95% 区间：{lo} 至 {hi}）"},
    "verdict_adds": {
        "en": "{name} adds {inc}{ci} of profit over the same customers with no private domain "
              "(added ROI {roi}).",
        "zh": "{name} 比同一批顾客完全不做私域多赚 {inc}{ci}（净增回报率 {roi}）。"},
    "verdict_loses": {
        "en": "{name} LOSES money against having no private domain at all: {inc}{ci} less profit "
              "than the same customers with none (added ROI {roi}).",
        "zh": "{name} 比完全不做私域还亏：利润比同一批顾客不做私域少 {inc}{ci}（净增回报率 {roi}）。"},
    "verdict_ads_better": {
        "en": "{name}: the same cash ({cash}: staff, tools, acquisition) in paid ads would have bought "
              "{bought} new customers and added {ads}, the private domain added {own}: paid ads were the "
              "better use of the money, by {diff}{ci}.",
        "zh": "{name}：同样的现金（{cash}：人力、工具、获客）投公域广告可买来 {bought} 位新顾客、净增利润 {ads}，"
              "私域净增 {own}：投广告更划算，多 {diff}{ci}。"},
    "verdict_own_better": {
        "en": "{name}: the private domain added {own}, the same cash ({cash}: staff, tools, acquisition) "
              "in paid ads would have bought {bought} new customers and added {ads}: the private domain "
              "was the better use of the money, by {diff}{ci}.",
        "zh": "{name}：私域净增利润 {own}，同样的现金（{cash}：人力、工具、获客）投公域广告可买来 {bought} "
              "位新顾客、约净增 {ads}：做私域更划算，多 {diff}{ci}。"},
    "verdict_ads_discounts": {
        "en": "Discounts are revenue forgone, not cash, so none went into paid ads ({discounts}); what "
              "they cost is already in each strategy's added profit.",
        "zh": "优惠是少收的钱，不是现金，因此没有计入广告投入（{discounts}）；其代价已计入各策略的净增利润。"},
    "verdict_gross_head": {
        "en": "The gross ledger (counts every order members place, including those they would "
              "have placed anyway; high figures here can be false prosperity):",
        "zh": "账面流水（计入成员的全部订单，包括本来也会下的订单；这里的数字高可能只是虚假繁荣）："},
    "verdict_no_baseline": {
        "en": "No baseline was run (--no-baseline): the figures below are the gross ledger, which "
              "counts orders members would have placed anyway, so they overstate what the "
              "private domain adds; nor is the paid-ads alternative valued, since what a customer ads "
              "buy is worth is measured on the baseline.",
        "zh": "未运行基线（--no-baseline）：以下是账面数字，包含成员本来也会下的订单，"
              "会高估私域的真实贡献；也无法评估投广告的方案，因为广告买来的顾客值多少要在基线上衡量。"},
    "verdict_false_prosperity": {
        "en": "{gmv_leader} sells more over the run, but {profit_leader} adds more profit: GMV "
              "without added profit is false prosperity.",
        "zh": "全程看 {gmv_leader} 卖得更多，但 {profit_leader} 净增利润更多：只有GMV没有净增利润，是虚假繁荣。"},
    "verdict_false_prosperity_loses": {
        "en": "{gmv_leader} sells more over the run, but {profit_leader} loses less against having "
              "no private domain: GMV without added profit is false prosperity.",
        "zh": "全程看 {gmv_leader} 卖得更多，但 {profit_leader} 比不做私域亏得更少：只有GMV没有净增利润，是虚假繁荣。"},
    "verdict_false_prosperity_gross": {
        "en": "{gmv_leader} sells more over the run, but {profit_leader} keeps more ledger "
              "profit: GMV without profit is false prosperity.",
        "zh": "全程看 {gmv_leader} 卖得更多，但 {profit_leader} 账面利润更多：只有GMV没有利润，是虚假繁荣。"},
}

#: The paired comparison's printout (``siyu compare --reps N``).
PAIRED: dict[str, dict[str, str]] = {
    "paired_metric_cum_profit": {"en": "ledger cumulative profit (CNY)", "zh": "账面累计利润（元）"},
    "paired_metric_cum_incremental_profit": {"en": "added profit, cumulative (CNY)",
                                             "zh": "累计净增利润（元）"},
    "paired_metric_cum_gmv": {"en": "cumulative GMV (CNY)", "zh": "累计GMV（元）"},
    "paired_metric_active": {"en": "active members", "zh": "活跃成员"},
    "paired_metric_muted": {"en": "muted members", "zh": "免打扰成员"},
    "paired_metric_churned": {"en": "churned (left)", "zh": "已退群"},
    "paired_metric_mean_trust": {"en": "mean trust", "zh": "平均信任"},
    "paired_metric_roi": {"en": "ledger ROI", "zh": "账面回报率"},
    "paired_title": {"en": "Paired comparison vs {baseline}: {reps} replications "
                           "(common random numbers), 95% intervals",
                     "zh": "配对比较：相对于 {baseline}，{reps} 次重复（共同随机数），95% 置信区间"},
    "paired_col_metric": {"en": "metric", "zh": "指标"},
    "paired_col_mean": {"en": "mean diff", "zh": "平均差异"},
    "paired_col_interval": {"en": "95% interval (paired)", "zh": "95%区间（配对）"},
    "paired_col_width": {"en": "indep. width", "zh": "独立种子区间宽度"},
    "paired_col_ratio": {"en": "ratio", "zh": "宽度比"},
    "paired_note": {"en": "ratio = paired interval width / independent-seed interval width; "
                          "below 1 means common random numbers narrowed the interval.",
                    "zh": "宽度比 = 配对区间宽度 ÷ 独立种子区间宽度；小于 1 表示共同随机数使区间变窄。"},
}

#: What ``siyu compare`` and ``siyu report`` say on stderr while they work (in the report's
#: language when they have ``--lang``).
STATUS: dict[str, dict[str, str]] = {
    # what every command says when it stops or warns (the message: the error's own words)
    "cli_error": {"en": "error: {message}", "zh": "错误：{message}"},
    "cli_warning": {"en": "warning: {message}", "zh": "警告：{message}"},
    # siyu validate, siyu scenarios, siyu run
    "note_lever_added": {"en": "note: --set adds a {lever} lever to {path}, which has none: its other settings take "
                               "their defaults (the strategy changes, not one setting of it)",
                         "zh": "注意：--set 为 {path} 新增了一个 {lever} 运营杠杆（该文件原本没有）：它的其他设置都取默认值"
                               "（改变的是整个策略，而不只是其中一项设置）"},
    "validate_ok_experiment": {
        "en": "{path}: ok (experiment {name}: {runs} runs = {scenarios} × {settings} × {reps}; nothing was run)",
        "zh": "{path}：有效（实验 {name}：共 {runs} 次运行 = {scenarios} × {settings} × {reps}；未运行）"},
    # words.counted: one form for 1, another for any other number
    "count_scenarios_one": {"en": "{n} scenario", "zh": "{n} 个情景"},
    "count_scenarios_many": {"en": "{n} scenarios", "zh": "{n} 个情景"},
    "count_replications_one": {"en": "{n} replication", "zh": "{n} 次重复"},
    "count_replications_many": {"en": "{n} replications", "zh": "{n} 次重复"},
    "design_settings": {"en": "{n} settings", "zh": "{n} 组设置"},
    "design_markets": {"en": "{policies} policies × {markets} markets", "zh": "{policies} 个方案 × {markets} 个市场"},
    "design_dropped": {"en": " (the constraints left out {dropped})", "zh": "（约束排除了 {dropped} 个）"},
    "validate_ok_calibration": {
        "en": "{path}: ok (calibration {name}: {parameters} parameters, {trials} trials × {reps} replications, "
              "{runs} runs with the check runs; nothing was run)",
        "zh": "{path}：有效（校准 {name}：{parameters} 个参数，{trials} 次试验 × {reps} 次重复，含检验共 {runs} 次运行；未运行）"},
    "validate_ok_search": {
        "en": "{path}: ok (search {name}: {levers} levers, {trials} trials × {markets} markets × {reps} = "
              "{runs} runs; nothing was run)",
        "zh": "{path}：有效（搜索 {name}：{levers} 个杠杆，{trials} 次试验 × {markets} 个市场 × {reps} = 共 {runs} 次运行；未运行）"},
    "validate_ok": {"en": "{path}: ok ({name}: {days} days, {levers} levers, {customers} customers on {rows} rows)",
                    "zh": "{path}：有效（{name}：{days} 天，{levers} 个运营杠杆，{customers} 位顾客，以 {rows} 行模拟）"},
    "scenarios_unreadable": {"en": "(unreadable: {reason})", "zh": "（无法读取：{reason}）"},
    "run_cannot_create": {"en": "{folder}: cannot create the output directory: {reason}",
                          "zh": "{folder}：无法创建输出文件夹：{reason}"},
    "status_simulating": {"en": "simulating", "zh": "模拟中"},
    "status_days": {"en": "days", "zh": "天"},
    "status_running_reps": {"en": "running {n} scenarios x {reps} replications, root seed {seed}",
                            "zh": "正在运行 {n} 个情景 × {reps} 次重复，根种子 {seed}"},
    "status_report_written": {"en": "report written to {path}", "zh": "报告已写入 {path}"},
    "status_wrote": {"en": "wrote {paths}", "zh": "已写入 {paths}"},
    "status_wrote_transactions": {"en": "wrote every order to {path}", "zh": "已将全部订单写入 {path}"},
    "status_replaced": {"en": "replaced {paths}", "zh": "已覆盖 {paths}"},
    "status_huge": {"en": "not started: {runs} runs, roughly {size} {what}, is more than {limit_runs} runs or "
                          "{limit_size}; check the numbers, then add --yes to start it",
                    "zh": "尚未开始：{runs} 次运行，约 {size}{what}，超过 {limit_runs} 次运行或 {limit_size} 的上限；"
                          "请核对数字，确认无误后加上 --yes 再运行"},
    "status_huge_runs": {"en": "not started: {runs} runs is more than {limit_runs}; check the numbers, then add "
                               "--yes to start it",
                         "zh": "尚未开始：{runs} 次运行超过 {limit_runs} 次的上限；请核对数字，确认无误后加上 --yes 再运行"},
    "status_disk_full": {"en": "error: the disk is full: cannot write in {folder} ({free} free there); finished "
                               "runs are kept: free some space, then run the same command again to go on",
                         "zh": "错误：磁盘已满，无法写入 {folder}（剩余 {free}）；已完成的运行都已保存：请腾出空间后重新运行同一命令继续"},
    "status_huge_results": {"en": "of results", "zh": "的结果"},
    "status_huge_memory": {"en": "of tables in memory", "zh": "的内存表格"},
    "err_compare_horizons": {
        "en": "{path}: days = {days}, but {first} has days = {first_days}: a comparison runs every scenario over "
              "one horizon; set the same days in each file, or give --days N for all of them; nothing was run",
        "zh": "{path}：days = {days}，而 {first} 的 days = {first_days}：比较要求所有情景模拟同样的天数；"
              "请在各文件中设置相同的 days，或用 --days N 统一设置；未运行任何内容"},
    "status_compare_interrupted": {"en": "interrupted before the comparison finished: no report or table was "
                                         "written and no run kept (its run store was in use by another siyu command)",
                                   "zh": "比较尚未完成即被中断：未写入任何报告或表格，也未保存任何运行（其运行存储正被另一个"
                                         " siyu 命令使用）"},
    "status_compare_interrupted_writing": {"en": "interrupted: no report or table was written",
                                           "zh": "已中断：未写入任何报告或表格"},
    "status_compare_interrupted_after": {"en": "interrupted: only {paths} was written, the tables were not",
                                         "zh": "已中断：只写入了 {paths}，表格未写入"},
    "status_compiled": {"en": "compiled the day kernel in {seconds:.1f} s (first run after installing or "
                              "changing a rule; later runs load it from {cache})",
                        "zh": "已编译日内核，用时 {seconds:.1f} 秒（安装或修改规则后的首次运行；之后的运行从 {cache} 直接加载）"},
    "status_sweep_plan": {"en": "{name}: {runs} runs ({scenarios} scenario(s) × {settings} × "
                                "{reps} replication(s)) on {backend} → {folder}",
                          "zh": "{name}：{runs} 次运行（{scenarios} 个情景 × {settings} × {reps} 次重复），"
                                "在{backend}上运行 → {folder}"},
    "status_resumed": {"en": "resumed: skipped {n} completed run(s)", "zh": "继续运行：跳过 {n} 次已完成的运行"},
    "status_sweep_done": {"en": "{ok} run(s) finished, {failed} failed in {seconds} s",
                          "zh": "{ok} 次运行完成，{failed} 次失败，用时 {seconds} 秒"},
    "status_interrupted": {"en": "interrupted: {saved} of {total} runs are saved in {folder}; {again}",
                           "zh": "已中断：{total} 次运行中已有 {saved} 次保存在 {folder}；{again}"},
    "status_resume_fresh": {"en": "run the same command without --fresh to resume (with --fresh it would "
                                  "discard them)",
                            "zh": "去掉 --fresh 重新运行同一命令即可继续（带 --fresh 会丢弃已保存的运行）"},
    "status_resume": {"en": "run the same command again to resume", "zh": "重新运行同一命令即可继续"},
    "status_runs_failed": {"en": "{n} run(s) failed ({shown}); tracebacks are in {folder}/_manifest.jsonl; "
                                 "rerun to retry them",
                           "zh": "{n} 次运行失败（{shown}）；错误回溯见 {folder}/_manifest.jsonl；重新运行即可重试"},
    # where the runs go (``Backend.describe`` writes the English, kept in the results' records)
    "backend_desc": {"en": "{name} ({workers} workers)", "zh": "{name}（{workers} 个工作进程）"},
    "backend_dask": {"en": "dask at {address} ({workers} worker threads)",
                     "zh": "Dask 集群 {address}（{workers} 个工作线程）"},
    "backend_serial": {"en": "serial", "zh": "当前进程"},
    "backend_local_processes": {"en": "local processes", "zh": "本地多进程"},
    # the sweep's progress bar (rich templates: the {task...} fields stay as they are)
    "progress_runs": {"en": "runs", "zh": "次运行"},
    "progress_failed": {"en": "{task.fields[failed]} failed", "zh": "失败 {task.fields[failed]} 次"},
    "progress_rate": {"en": "{rate:.2f} runs/s", "zh": "{rate:.2f} 次/秒"},
    "progress_eta": {"en": "ETA", "zh": "剩余"},
    "status_partial_sweep": {"en": "partial sweep: {ok} of {planned} runs finished; the report is "
                                   "marked as partial",
                             "zh": "扫描未完成：计划 {planned} 次运行，完成 {ok} 次；报告已标注为不完整"},
    # a damaged part file of a results folder (experiments/store.py)
    "status_part_set_aside": {"en": "warning: {file} is damaged ({reason}): moved to {moved}; its {runs} "
                                    "run(s) run again",
                              "zh": "警告：{file} 已损坏（{reason}）：已移到 {moved}；其中的 {runs} 次运行将重新运行"},
    "status_part_skipped": {"en": "warning: {file} is damaged ({reason}): its {runs} run(s) are left out; "
                                  "`siyu sweep` on this folder sets it aside and runs them again",
                            "zh": "警告：{file} 已损坏（{reason}）：其中的 {runs} 次运行未计入；对此文件夹再次运行 "
                                  "`siyu sweep` 会把它移到一旁并重新运行这些运行"},
}

#: Faults a long run reports while it goes on or as it stops (Dask workers lost or gone, a
#: store in use), plain progress lines where stderr is not a terminal (a log file), and what a
#: resumable compare keeps.
FAULTS: dict[str, dict[str, str]] = {
    "dask_worker_lost": {"en": "lost Dask worker {worker}; its batch is re-run",
                         "zh": "Dask 工作进程 {worker} 已丢失；它正在运行的批次将重新运行"},
    "dask_worker_lost_idle": {"en": "lost Dask worker {worker} (it held no batch of this run)",
                              "zh": "Dask 工作进程 {worker} 已丢失（它没有运行本次的批次）"},
    "dask_no_worker": {"en": "no Dask worker for {waited} s; giving up in {left} s unless one joins",
                       "zh": "已有 {waited} 秒没有 Dask 工作进程；若 {left} 秒内仍无工作进程加入，将停止运行"},
    "dask_worker_back": {"en": "a Dask worker joined; going on", "zh": "有 Dask 工作进程加入，继续运行"},
    "dask_no_worker_stop": {"en": "no Dask worker for {waited} s", "zh": "已有 {waited} 秒没有 Dask 工作进程"},
    "dask_killed_workers": {"en": "a batch of runs was on {n} Dask workers that each died (out of memory? "
                                  "distributed.scheduler.allowed-failures allows {n} deaths per batch)",
                            "zh": "一个批次先后在 {n} 个 Dask 工作进程上运行，它们都已退出（内存不足？"
                                  "distributed.scheduler.allowed-failures 允许每个批次 {n} 次）"},
    "dask_scheduler_lost": {"en": "lost the Dask scheduler at {address} (it stopped, or the connection to it broke)",
                            "zh": "与 Dask 调度器 {address} 失去联系（调度器已停止，或连接中断）"},
    "status_stopped": {"en": "stopped: {reason}; {saved} of {total} runs are saved in {folder}; {again}",
                       "zh": "已停止：{reason}；{total} 次运行中已有 {saved} 次保存在 {folder}；{again}"},
    "status_workers_lost": {"en": "Dask workers lost during the run: {n}",
                            "zh": "运行期间丢失的 Dask 工作进程：{n} 个"},
    "progress_line": {"en": "{label}: {done}/{total} runs ({percent}%), {failed} failed, {rate:.2f} runs/s",
                      "zh": "{label}：{done}/{total} 次运行（{percent}%），失败 {failed} 次，{rate:.2f} 次/秒"},
    "progress_days_line": {"en": "{label}: {percent}% ({done:,} of {total:,} simulated days)",
                           "zh": "{label}：{percent}%（已模拟 {done:,} / {total:,} 天）"},
    "status_store_busy": {"en": "{folder} is in use by another siyu command (wait for it, or choose another "
                                "folder)",
                          "zh": "{folder} 正被另一个 siyu 命令使用（请等待它结束，或换一个文件夹）"},
    "status_compare_store": {"en": "keeping finished runs in {folder}: the same comparison again (another "
                                   "--lang, --report, --deck or --out) reads them instead of simulating; --fresh "
                                   "discards them",
                             "zh": "已完成的运行保存在 {folder}：再次运行同一比较（换 --lang、--report、--deck 或 --out）"
                                   "将直接读取，不再模拟；--fresh 会丢弃它们"},
    "status_compare_kept": {"en": "read all {total} runs from {folder}, kept by an earlier run of this same "
                                  "comparison: nothing simulated, the same numbers (--fresh runs them again)",
                            "zh": "全部 {total} 次运行读自 {folder}（同一比较此前保存的运行）：未重新模拟，数字完全相同"
                                  "（--fresh 会重新运行）"},
    "status_compare_resumed": {"en": "resumed: {done} of {total} runs already done",
                               "zh": "继续运行：{total} 次运行中已有 {done} 次完成"},
    "status_compare_memory": {"en": "the run store {folder} is in use by another siyu command: this compare "
                                    "keeps its runs in memory only",
                              "zh": "运行存储 {folder} 正被另一个 siyu 命令使用：本次比较的运行只保存在内存中"},
}

CONSOLE: dict[str, dict[str, str]] = {**COLUMNS, **VERDICT, **PAIRED, **STATUS, **FAULTS}
