"""The store.messages table's part for git and the team: syncs, merges,
remotes, undo and the repository's states.  Merged into MESSAGES; the
English text is ``str(err)`` as it was (tests and scripts match it)."""
from __future__ import annotations

TEAM_MESSAGES: dict[str, dict[str, str]] = {
    # --- the repository's state (store/git) -------------------------------------------
    "git-no-identity": {
        "en": "no git identity: set one with `git config --global user.name "
              "\"Your Name\"` and `git config --global user.email you@example.com`",
        "zh": "没有 git 身份：用 `git config --global user.name \"你的名字\"` 和 "
              "`git config --global user.email you@example.com` 设置"},
    "head-detached": {
        "en": "HEAD is detached: check out a branch first (e.g. `git switch main`)",
        "zh": "HEAD 处于分离状态：请先切换到一个分支（例如 `git switch main`）"},
    "git-operation": {
        "en": "{op} is in progress: finish it or abort it with git before saving "
              "(e.g. `git merge --abort`, `git rebase --abort`)",
        "zh": "git 正在进行{op_zh}：保存前请先用 git 完成或中止它"
              "（例如 `git merge --abort`、`git rebase --abort`）"},
    "sync-interrupted-save": {
        "en": "a sync was interrupted while it merged: run `accord sync --abort`, "
              "then `accord sync`, before saving",
        "zh": "一次同步在合并时被中断：保存前请先运行 `accord sync --abort`，再运行 `accord sync`"},
    "index-lock": {
        "en": "{path} exists and no git process released it: if no git command is "
              "running, a crashed one left it; remove the file",
        "zh": "{path} 存在且没有 git 进程释放它：若没有 git 命令在运行，是崩溃的进程留下的；请删除该文件"},
    "write-lock": {
        "en": "another Accord save has held {path} for {wait:.0f} s: wait for it, "
              "or stop that process",
        "zh": "另一个 Accord 保存已占用 {path} {wait:.0f} 秒：请等待，或停止那个进程"},
    "commit-refused": {
        "en": "git refused the commit: {err} (a hook may have failed); nothing was saved",
        "zh": "git 拒绝了提交：{err}（可能是钩子失败）；未保存任何内容"},
    "commit-refused-bare": {
        "en": "git refused the commit (a hook may have failed); nothing was saved",
        "zh": "git 拒绝了提交（可能是钩子失败）；未保存任何内容"},
    "attributes-symlink": {
        "en": "{path} is a symbolic link: Accord never writes through links; "
              "replace it with a regular file",
        "zh": "{path} 是符号链接：Accord 从不通过链接写入；请换成普通文件"},
    "git-config-write": {
        "en": "cannot write git config {key}: {err}; check that .git/config is writable",
        "zh": "无法写入 git 配置 {key}：{err}；请检查 .git/config 是否可写"},
    "foreign-owner": {
        "en": "{path} belongs to {user}, not you: its git hooks and config would run "
              "as you; work in your own clone, or if you trust it run "
              "`git config --global --add safe.directory {root}`",
        "zh": "{path} 属于 {user}，不是你：它的 git 钩子和配置会以你的身份运行；请在你自己的"
              "克隆中工作，若信任它，运行 `git config --global --add safe.directory {root}`"},
    "uncommitted-edit": {
        "en": "{path} differs from the last commit (a hand edit, or a save that was "
              "interrupted) and cannot be committed as it is: {problem}: {way}, or fix "
              "it and commit it with git (`accord doctor` checks it); nothing was saved",
        "zh": "{path} 与上次提交不同（手工修改，或一次被中断的保存），不能按原样提交：{problem}："
              "{way_zh}，或修正后用 git 提交（`accord doctor` 可检查）；未保存任何内容"},
    "git-failed": {"en": "git {cmd} failed: {err}", "zh": "git {cmd} 失败：{err}"},
    "symlink-refused": {"en": "{path} is a symbolic link; refused",
                        "zh": "{path} 是符号链接；已拒绝"},
    # --- the command line's --add / --remove (tui/cli) ------------------------------------
    "list-not-list": {
        "en": "{name} in the file is {what} ({value}): set it whole with "
              "--set {name}='[\"...\"]' or fix the file",
        "zh": "文件中的 {name} 不是列表（{value}）：用 --set {name}='[\"...\"]' 整体设置，或修正文件"},
    "list-mixed": {
        "en": "{name} in the file is {what} ({value}): set it whole with "
              "--set {name}='[\"...\"]' or fix the file",
        "zh": "文件中的 {name} 是含有非文字项的列表（{value}）：用 --set {name}='[\"...\"]' "
              "整体设置，或修正文件"},
    "no-item": {"en": "{name} has no item {item!r} to remove: items are {items}",
                "zh": "{name} 中没有可删除的项 {item!r}：现有的项是 {items}"},
    "no-item-empty": {"en": "{name} has no item {item!r} to remove: it is empty",
                      "zh": "{name} 中没有可删除的项 {item!r}：它是空的"},
    # --- undo ----------------------------------------------------------------------------
    "undo-nothing": {
        "en": "you have no change in this project to undo",
        "zh": "本项目中没有你可撤销的改动",
        "en.app": "You have no change in this project to undo.",
        "zh.app": "本项目中没有你可撤销的改动。"},
    "undo-changed-since": {
        "en": "{commit} was not undone: {author} changed its files since (commit "
              "{since}); edit the record instead",
        "zh": "{commit} 未撤销：{author} 之后改过这些文件（提交 {since}）；请直接编辑记录",
        "en.app": "Not undone: {author} changed those files since ({since}); "
                  "edit the record instead.",
        "zh.app": "未撤销：{author} 之后改过这些文件（{since}），请直接编辑记录。"},
    "undo-root": {"en": "{commit} is the first commit and is not undone",
                  "zh": "{commit} 是第一次提交，不能撤销",
                  "en.app": "Not undone: {commit} is the first commit.",
                  "zh.app": "未撤销：{commit} 是第一次提交。"},
    "undo-changed-on-disk": {
        "en": "{path} was changed on disk and not committed: commit or drop that edit first",
        "zh": "{path} 在磁盘上被修改且未提交：请先提交或放弃这处改动",
        "en.app": "Not undone: {path} has an edit not committed; save or drop it first.",
        "zh.app": "未撤销：{path} 有未提交的改动，请先保存或放弃。"},
    # --- sync ------------------------------------------------------------------------------
    "sync-stopped": {
        "en": "a sync (or git merge) is stopped: settle it with `accord resolve`, "
              "then `accord sync --continue`, or `accord sync --abort`",
        "zh": "一次同步（或 git 合并）停在中途：用 `accord resolve` 解决后运行 "
              "`accord sync --continue`，或运行 `accord sync --abort`",
        "en.app": "a sync (or git merge) is stopped: settle its conflicts, then press S",
        "zh.app": "一次同步（或 git 合并）停在中途：解决冲突后按 S 继续"},
    "sync-dirty": {
        "en": "{path} has changes that are not committed: save them (or `git commit`/"
              "`git restore` them) before syncing",
        "zh": "{path} 有未提交的改动：同步前请先保存（或用 `git commit` 或 `git restore` 处理）"},
    "sync-no-commit": {
        "en": "this clone has no commit yet: clone the remote with `accord clone URL` instead",
        "zh": "这个克隆还没有任何提交：请改用 `accord clone 地址` 克隆远程仓库"},
    "sync-cherry-pick": {
        "en": "a git cherry-pick is stopped, not a sync: when `accord resolve` has "
              "settled it, finish it with `git cherry-pick --continue`",
        "zh": "停在中途的是 git cherry-pick 而不是同步：用 `accord resolve` 解决后，"
              "用 `git cherry-pick --continue` 完成"},
    "sync-none-stopped": {"en": "no sync is stopped: run `accord sync`",
                          "zh": "没有停在中途的同步：请运行 `accord sync`",
                          "zh.app": "没有停在中途的同步：按 S 同步"},
    "sync-rebase-abort": {
        "en": "a git rebase is in progress, not a sync: stop it with `git rebase --abort`",
        "zh": "正在进行的是 git rebase 而不是同步：用 `git rebase --abort` 停止它"},
    "sync-nothing-to-abort": {"en": "no sync is stopped: there is nothing to abort",
                              "zh": "没有停在中途的同步：无可中止"},
    "sync-rebase": {
        "en": "a git rebase is in progress, in which git swaps your side and theirs: "
              "Accord does not {what} there; run `git rebase --abort`, then `accord sync` "
              "(it merges field by field)",
        "zh": "git 正在 rebase，其中 git 会对调你和对方的版本：Accord 不在此时{what_zh}；"
              "请运行 `git rebase --abort`，再运行 `accord sync`（它逐字段合并）"},
    "sync-interrupted": {
        "en": "a sync was interrupted while it merged (the work tree is half merged): "
              "run `accord sync --abort` to put everything back as before it, then `accord sync`",
        "zh": "一次同步在合并时被中断（工作区只合并了一半）：运行 `accord sync --abort` "
              "恢复原状，再运行 `accord sync`"},
    "sync-no-remote": {
        "en": "this workspace has no remote to sync with: add one with `git remote add "
              "origin URL` (a shared bare repository, e.g. `git init --bare /srv/git/team.git`)",
        "zh": "这个工作区没有可同步的远程仓库：用 `git remote add origin 地址` 添加一个"
              "（共享的裸仓库，例如 `git init --bare /srv/git/team.git`）"},
    "sync-many-remotes": {
        "en": "several remotes ({names}) and no upstream: choose one with "
              "`git branch --set-upstream-to REMOTE/{branch}`",
        "zh": "有多个远程仓库（{names}）但没有上游：用 "
              "`git branch --set-upstream-to 远程/{branch}` 选择一个"},
    "merge-failed": {"en": "git could not merge {label}: {err}",
                     "zh": "git 无法合并 {label}：{err}"},
    "merge-undo-failed": {"en": "git could not put the merge back: {err}",
                          "zh": "git 无法撤回这次合并：{err}"},
    # --- resolve ---------------------------------------------------------------------------
    "resolve-no-conflict": {
        "en": "{rid} has no conflict to resolve: conflicts are in {names}",
        "zh": "{rid} 没有要解决的冲突：冲突在 {names}"},
    "resolve-none-left": {
        "en": "{rid} has no conflict to resolve: nothing is left; run `accord sync --continue`",
        "zh": "{rid} 没有要解决的冲突：已全部解决；请运行 `accord sync --continue`"},
    "resolve-many-projects": {
        "en": "{rid} is in conflict in several projects: choose one with --project",
        "zh": "{rid} 在多个项目中有冲突：用 --project 选择一个"},
    "resolve-nothing": {"en": "no sync is stopped: there is nothing to resolve",
                        "zh": "没有停在中途的同步：无需解决"},
    "resolve-choice": {"en": "choose --mine, --theirs or --set VALUE",
                       "zh": "请选择 --mine、--theirs 或 --set 值"},
    "resolve-no-field": {
        "en": "{rid} has no conflict in {field!r}: its conflicting fields are {names}",
        "zh": "{rid} 的 {field!r} 没有冲突：有冲突的字段是 {names}"},
    "resolve-no-field-left": {
        "en": "{rid} has no conflict in {field!r}: its conflicting fields are none left",
        "zh": "{rid} 的 {field!r} 没有冲突：已没有冲突的字段"},
    "resolve-whole-file": {
        "en": "{rid} {field}: a whole file is settled with --mine or --theirs",
        "zh": "{rid} {field}：整个文件只能用 --mine 或 --theirs 解决"},
    "resolve-bad-toml": {
        "en": "{rid}: the version kept is not valid TOML ({toml}): fix {path} by hand, "
              "then `accord sync --continue`",
        "zh": "{rid}：保留的版本不是有效的 TOML（{toml}）：请手工修正 {path}，再运行 "
              "`accord sync --continue`"},
    "resolve-no-text": {"en": "{rid}: {field} cannot be set from text; use --mine or --theirs",
                        "zh": "{rid}：{field} 不能用文字设置；请用 --mine 或 --theirs"},
    "resolve-invalid": {
        "en": "{rid}: all fields settled but the file is not valid: {problem}; fix it "
              "with `accord resolve {rid} FIELD --set VALUE`",
        "zh": "{rid}：字段都已解决，但文件无效：{problem}；请用 "
              "`accord resolve {rid} 字段 --set 值` 修正"},
    # --- the shared remote ---------------------------------------------------------------
    "remote-holds-workspace": {
        "en": "{url} already holds a workspace: clone it with `accord clone {url} PATH` instead",
        "zh": "{url} 已经有一个工作区：请改用 `accord clone {url} 路径` 克隆"},
    "clone-not-empty": {"en": "{path} exists and is not empty: choose another folder",
                        "zh": "{path} 已存在且不为空：请换一个文件夹"},
    "clone-not-workspace": {
        "en": "{url} is not an Accord workspace (no accord.toml); the clone is in {path}",
        "zh": "{url} 不是 Accord 工作区（没有 accord.toml）；克隆在 {path}"},
}

# what a failed network command says (store.team.remote_errors.RemoteError), by its
# cause: "remote-" + cause; {act} is the operation and the remote (REMOTE_ACT),
# {detail} git's line naming the cause
REMOTE_ACT = {"fetch from": ("fetch from {where}", "从 {where} 获取"),
              "push to": ("push to {where}", "推送到 {where}"),
              "clone": ("clone {where}", "克隆 {where}"),
              "reach": ("reach {where}", "连接 {where}"),
              "create": ("create {where}", "创建 {where}")}
_SYNC_AGAIN = ("run `accord sync` again", "再运行 `accord sync`", "press S to sync again",
               "按 S 再同步")


def _again(en: str, zh: str) -> dict[str, str]:
    """A cause whose way out is to sync again: the app names its key."""
    cli_en, cli_zh, app_en, app_zh = _SYNC_AGAIN
    return {"en": en.format(again=cli_en, act="{act}", detail="{detail}"),
            "zh": zh.format(again=cli_zh, act="{act}", detail="{detail}"),
            "en.app": en.format(again=app_en, act="{act}", detail="{detail}"),
            "zh.app": zh.format(again=app_zh, act="{act}", detail="{detail}")}


TEAM_MESSAGES.update({
    "remote-auth": {
        "en": "cannot {act}: the server refused the ssh key or login ({detail}): "
              "check that your public key (or, over https, your credentials) is "
              "accepted there; a key with a passphrase must be loaded first with `ssh-add`",
        "zh": "无法{act}：服务器拒绝了 ssh 密钥或登录（{detail}）：请确认你的公钥（https "
              "则为账号凭据）已在服务器上授权；有口令的密钥请先用 `ssh-add` 载入"},
    "remote-hostkey": {
        "en": "cannot {act}: the server's host key is unknown or has changed "
              "({detail}): check it, then accept it once with `ssh HOST` in a terminal",
        "zh": "无法{act}：服务器的主机密钥未知或已变化（{detail}）：核实后在终端里用 "
              "`ssh 主机` 接受一次"},
    "remote-unreachable": {
        "en": "cannot {act}: the host cannot be reached ({detail}): check the address, "
              "the network and that the server runs, then try again",
        "zh": "无法{act}：连不上主机（{detail}）：请检查地址、网络以及服务器是否在运行，然后重试"},
    "remote-no-repo": {
        "en": "cannot {act}: there is no such repository ({detail}): check the URL "
              "(a clone's remote is shown by `git remote -v`)",
        "zh": "无法{act}：没有这个仓库（{detail}）：请检查地址（已有克隆的远程地址可用 "
              "`git remote -v` 查看）"},
    "remote-permission": {
        "en": "cannot {act}: permission denied on the remote ({detail}): ask whoever "
              "runs it for write access",
        "zh": "无法{act}：远程仓库拒绝访问（{detail}）：请向其管理员申请写权限"},
    "remote-hook": _again(
        "cannot {act}: the remote's hook refused it: {detail}: do what it says, then {again}",
        "无法{act}：远程仓库的钩子拒绝了推送：{detail}：按它说的处理后{again}"),
    "remote-rejected": _again(
        "cannot {act}: the remote has commits this clone lacks ({detail}): {again}",
        "无法{act}：远程仓库有本地没有的提交（{detail}）：请{again}"),
    "remote-tag-exists": _again(
        "cannot {act}: a tag of that name already exists there ({detail}): rename "
        "your baseline, then {again}",
        "无法{act}：远程仓库已有同名标签（{detail}）：请给你的基线改名后{again}"),
    "remote-timeout": {
        "en": "cannot {act}: {detail}: check the network, or allow longer with "
              "ACCORD_NET_TIMEOUT=SECONDS or `[sync] timeout` in your config.toml or accord.toml",
        "zh": "无法{act}：{seconds_zh} 秒内没有回应：请检查网络，或用 ACCORD_NET_TIMEOUT=秒数 或 "
              "config.toml / accord.toml 的 `[sync] timeout` 放宽时限"},
    "remote-stopped": _again("{act} was stopped before it finished: {again}",
                             "{act}在完成前被中止：请{again}"),
    "remote-other": {"en": "cannot {act}: {detail}", "zh": "无法{act}：{detail}"},
})
