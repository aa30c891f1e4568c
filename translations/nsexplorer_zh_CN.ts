<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DiffText</name>
    <message>
        <source>%1 (%2 procs%3)</source>
        <translation>%1 (%2 个进程%3)</translation>
    </message>
    <message>
        <source>process %1 %2</source>
        <translation>进程 %1 %2</translation>
    </message>
    <message>
        <source>container %1 %2</source>
        <translation>容器 %1 %2</translation>
    </message>
    <message>
        <source>interface %1 (%2) moved %3 -&gt; %4 as %5</source>
        <translation>接口 %1 (%2) 从 %3 移到 %4，改名为 %5</translation>
    </message>
    <message>
        <source>interface %1 (%2) moved %3 -&gt; %4</source>
        <translation>接口 %1 (%2) 从 %3 移到 %4</translation>
    </message>
    <message>
        <source>%1 added, %2 removed, %3 changed</source>
        <translation>新增 %1，删除 %2，变化 %3</translation>
    </message>
    <message>
        <source>namespaces: %1; processes: %2; containers: %3</source>
        <translation>命名空间：%1；进程：%2；容器：%3</translation>
    </message>
    <message>
        <source>namespaces: %1; processes: %2</source>
        <translation>命名空间：%1；进程：%2</translation>
    </message>
</context>
<context>
    <name>LaunchOption</name>
    <message>
        <source>mapping you to root inside</source>
        <translation>把你映射为内部的 root</translation>
    </message>
    <message>
        <source>hostname inside (implies --uts)</source>
        <translation>内部的主机名（隐含 --uts）</translation>
    </message>
    <message>
        <source>the hostname</source>
        <translation>主机名</translation>
    </message>
    <message>
        <source>fresh /proc for a new PID namespace (the default)</source>
        <translation>为新的 PID 命名空间挂载全新的 /proc（默认）</translation>
    </message>
    <message>
        <source>the fresh /proc</source>
        <translation>全新的 /proc</translation>
    </message>
    <message>
        <source>keep the host&apos;s /proc (ps then still shows the host)</source>
        <translation>保留宿主机的 /proc（此时 ps 仍显示宿主机的进程）</translation>
    </message>
    <message>
        <source>no reaper: the command itself is PID 1</source>
        <translation>不使用回收进程：命令本身就是 PID 1</translation>
    </message>
    <message>
        <source>map the invoking user to root inside (implies --user)</source>
        <translation>把调用者映射为内部的 root（隐含 --user）</translation>
    </message>
    <message>
        <source>map the invoking user to UID inside (implies --user)</source>
        <translation>把调用者映射为内部的 UID（隐含 --user）</translation>
    </message>
    <message>
        <source>map the invoking group to GID inside (implies --user)</source>
        <translation>把调用者的组映射为内部的 GID（隐含 --user）</translation>
    </message>
    <message>
        <source>pivot_root into DIR (absolute; implies --mount)</source>
        <translation>pivot_root 到 DIR（绝对路径；隐含 --mount）</translation>
    </message>
    <message>
        <source>the root directory</source>
        <translation>根目录</translation>
    </message>
    <message>
        <source>working directory inside (absolute)</source>
        <translation>内部的工作目录（绝对路径）</translation>
    </message>
    <message>
        <source>CLOCK_MONOTONIC offset (implies --time)</source>
        <translation>CLOCK_MONOTONIC 偏移（隐含 --time）</translation>
    </message>
    <message>
        <source>the clock offsets</source>
        <translation>时钟偏移</translation>
    </message>
    <message>
        <source>CLOCK_BOOTTIME offset (implies --time)</source>
        <translation>CLOCK_BOOTTIME 偏移（隐含 --time）</translation>
    </message>
    <message>
        <source>veth pair to the host, addresses on both ends (privileged)</source>
        <translation>连到宿主机的 veth 对，两端都配地址（需特权）</translation>
    </message>
    <message>
        <source>the connection to the host</source>
        <translation>与宿主机的连接</translation>
    </message>
    <message>
        <source>log each step to stderr</source>
        <translation>把每一步记录到 stderr</translation>
    </message>
    <message>
        <source>refuse unless PID still names the process that started at
TICKS (field 22 of /proc/PID/stat): not a reused pid</source>
        <translation>除非 PID 仍指向在 TICKS 时刻启动的进程（/proc/PID/stat 的
第 22 个字段），否则拒绝：防止 pid 被复用</translation>
    </message>
    <message>
        <source>root only: join namespaces owned by another user namespace
without it, keeping host root&apos;s rights there, or a mount
namespace whose system folders are not root&apos;s alone (their
owner controls what runs: unsafe)</source>
        <translation>仅限 root：加入属于另一个用户命名空间的命名空间时不加入那个
用户命名空间，在其中保留宿主机 root 的权限；或加入系统目录
不只归 root 所有的挂载命名空间（其所有者决定运行的程序：
不安全）</translation>
    </message>
    <message>
        <source>new namespaces of these types (--all: every type)</source>
        <translation>新建这些类型的命名空间（--all：所有类型）</translation>
    </message>
    <message>
        <source>namespaces of the target to join (--all: every one that differs);
one owned by the target&apos;s user namespace joins that one too</source>
        <translation>要加入的目标进程的命名空间（--all：所有不同的）；
属于目标用户命名空间的，也会加入该用户命名空间</translation>
    </message>
    <message>
        <source>Usage:</source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>Runs COMMAND (default: $SHELL) in new namespaces through nsexplorer-helper.</source>
        <translation>通过 nsexplorer-helper 在新的命名空间中运行 COMMAND（默认：$SHELL）。</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>选项：</translation>
    </message>
    <message>
        <source>Runs COMMAND (default: $SHELL) in a running process&apos;s namespaces.</source>
        <translation>在一个运行中进程的命名空间中运行 COMMAND（默认：$SHELL）。</translation>
    </message>
    <message>
        <source>the process to join (pinned with a pidfd)</source>
        <translation>要加入的进程（用 pidfd 固定）</translation>
    </message>
    <message>
        <source>this text</source>
        <translation>显示本帮助</translation>
    </message>
    <message>
        <source>the container&apos;s name, as the scanner shows it
(&quot;nsexplorer: NAME&quot;)</source>
        <translation>容器的名称，即扫描器显示的名称
（&quot;nsexplorer: NAME&quot;）</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n 个进程</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n more interface(s)</source>
        <translation>
            <numerusform>… 另有 %n 个网络接口</numerusform>
        </translation>
    </message>
    <message>
        <source>  mtu %1</source>
        <translation>  mtu %1</translation>
    </message>
    <message>
        <source>Outside: the physical network this machine&apos;s NICs connect to</source>
        <translation>外部：本机物理网卡所连接的物理网络</translation>
    </message>
    <message>
        <source>outside</source>
        <translation>外部</translation>
    </message>
    <message>
        <source>PID at every level, outermost first: %1</source>
        <translation>每一层的 PID，由外到内：%1</translation>
    </message>
    <message>
        <source>host: %1</source>
        <translation>宿主机: %1</translation>
    </message>
</context>
<context>
    <name>RequestError</name>
    <message>
        <source>too long (%1 bytes, at most %2)</source>
        <translation>过长（%1 字节，最多 %2）</translation>
    </message>
    <message>
        <source>offset out of range (at most +-%1 seconds)</source>
        <translation>偏移超出范围（最多 ±%1 秒）</translation>
    </message>
    <message>
        <source>missing (give it after --)</source>
        <translation>缺少命令（在 -- 之后给出）</translation>
    </message>
    <message>
        <source>too many arguments (%1, at most %2)</source>
        <translation>参数过多（%1 个，最多 %2 个）</translation>
    </message>
    <message>
        <source>argument %1: %2</source>
        <translation>第 %1 个参数：%2</translation>
    </message>
    <message>
        <source>arguments too large (%1 bytes, at most %2)</source>
        <translation>参数总长过大（%1 字节，最多 %2）</translation>
    </message>
    <message>
        <source>empty program name</source>
        <translation>程序名为空</translation>
    </message>
    <message>
        <source>program %1</source>
        <translation>程序路径%1</translation>
    </message>
    <message>
        <source>not a number: &apos;%1&apos;</source>
        <translation>不是数字：&apos;%1&apos;</translation>
    </message>
    <message>
        <source>not a number of seconds: &apos;%1&apos;</source>
        <translation>不是秒数：&apos;%1&apos;</translation>
    </message>
    <message>
        <source>not a number of clock ticks: &apos;%1&apos;</source>
        <translation>不是时钟节拍数：&apos;%1&apos;</translation>
    </message>
    <message>
        <source>takes no value</source>
        <translation>不接受值</translation>
    </message>
    <message>
        <source>needs a value</source>
        <translation>需要一个值</translation>
    </message>
    <message>
        <source>empty value</source>
        <translation>值为空</translation>
    </message>
    <message>
        <source>not a valid pid: &apos;%1&apos;</source>
        <translation>不是有效的 pid：&apos;%1&apos;</translation>
    </message>
    <message>
        <source>given twice</source>
        <translation>给出了两次</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>未知选项 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>missing (give --%1 %2)</source>
        <translation>缺少（请给出 --%1 %2）</translation>
    </message>
    <message>
        <source>contains a NUL byte</source>
        <translation>包含 NUL 字节</translation>
    </message>
    <message>
        <source>contains a newline</source>
        <translation>包含换行符</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>empty label in &apos;%1&apos;</source>
        <translation>&apos;%1&apos; 中有空标签</translation>
    </message>
    <message>
        <source>label starts or ends with &apos;-&apos; in &apos;%1&apos;</source>
        <translation>&apos;%1&apos; 中有以 &apos;-&apos; 开头或结尾的标签</translation>
    </message>
    <message>
        <source>invalid character in &apos;%1&apos; (letters, digits, &apos;-&apos; and &apos;.&apos; only)</source>
        <translation>&apos;%1&apos; 中有无效字符（只允许字母、数字、&apos;-&apos; 和 &apos;.&apos;）</translation>
    </message>
    <message>
        <source>starts with &apos;-&apos;: &apos;%1&apos;</source>
        <translation>以 &apos;-&apos; 开头：&apos;%1&apos;</translation>
    </message>
    <message>
        <source>not valid UTF-8: &apos;%1&apos;</source>
        <translation>不是有效的 UTF-8：&apos;%1&apos;</translation>
    </message>
    <message>
        <source>contains a control character: &apos;%1&apos;</source>
        <translation>包含控制字符：&apos;%1&apos;</translation>
    </message>
    <message>
        <source>contains an invisible formatting character: &apos;%1&apos;</source>
        <translation>包含不可见的格式字符：&apos;%1&apos;</translation>
    </message>
    <message>
        <source>starts or ends with a blank: &apos;%1&apos;</source>
        <translation>以空白开头或结尾：&apos;%1&apos;</translation>
    </message>
    <message>
        <source>empty path</source>
        <translation>路径为空</translation>
    </message>
    <message>
        <source>path too long (%1 bytes)</source>
        <translation>路径过长（%1 字节）</translation>
    </message>
    <message>
        <source>not an absolute path: &apos;%1&apos;</source>
        <translation>不是绝对路径：&apos;%1&apos;</translation>
    </message>
    <message>
        <source>not normalised (trailing &apos;/&apos;): &apos;%1&apos;</source>
        <translation>未规范化（末尾有 &apos;/&apos;）：&apos;%1&apos;</translation>
    </message>
    <message>
        <source>not normalised (&apos;//&apos;): &apos;%1&apos;</source>
        <translation>未规范化（含 &apos;//&apos;）：&apos;%1&apos;</translation>
    </message>
    <message>
        <source>not normalised (&apos;%1&apos; component): &apos;%2&apos;</source>
        <translation>未规范化（含 &apos;%1&apos; 路径分量）：&apos;%2&apos;</translation>
    </message>
    <message>
        <source>unknown namespace bits</source>
        <translation>未知的命名空间位</translation>
    </message>
    <message>
        <source>conflicts with --map-root-user</source>
        <translation>与 --map-root-user 冲突</translation>
    </message>
    <message>
        <source>%1 is not a valid uid</source>
        <translation>%1 不是有效的 uid</translation>
    </message>
    <message>
        <source>%1 is not a valid gid</source>
        <translation>%1 不是有效的 gid</translation>
    </message>
    <message>
        <source>needs --pid</source>
        <translation>需要 --pid</translation>
    </message>
    <message>
        <source>not a valid pid</source>
        <translation>不是有效的 pid</translation>
    </message>
    <message>
        <source>none selected (give --all or types like --net)</source>
        <translation>未选择任何命名空间（请给出 --all 或 --net 等类型）</translation>
    </message>
    <message>
        <source>not a start time (clock ticks after boot, &gt; 0)</source>
        <translation>不是启动时间（开机后的时钟节拍数，&gt; 0）</translation>
    </message>
    <message>
        <source>contradicts --user (it joins the namespaces without their user namespace)</source>
        <translation>与 --user 矛盾（它加入命名空间而不加入其用户命名空间）</translation>
    </message>
    <message>
        <source>only root may keep host root&apos;s rights (the invoking user is not root)</source>
        <translation>只有 root 可以保留宿主机 root 的权限（调用者不是 root）</translation>
    </message>
    <message>
        <source>the target&apos;s namespace is not readable</source>
        <translation>目标进程的该命名空间不可读</translation>
    </message>
    <message>
        <source>owned by a user namespace other than ours and the target&apos;s; refusing to join it</source>
        <translation>其所有者是既非本程序也非目标进程的用户命名空间；拒绝加入</translation>
    </message>
    <message>
        <source>the target&apos;s user namespace is not readable</source>
        <translation>目标进程的用户命名空间不可读</translation>
    </message>
</context>
<context>
    <name>SnapshotError</name>
    <message>
        <source>internal error: string tokens out of step</source>
        <translation>内部错误：字符串记号不同步</translation>
    </message>
    <message>
        <source>unexpected end of input (is the file cut short?)</source>
        <translation>输入意外结束（文件是否被截断？）</translation>
    </message>
    <message>
        <source>number overflow parsing &apos;%1&apos;</source>
        <translation>解析 &apos;%1&apos; 时数值溢出</translation>
    </message>
    <message>
        <source>invalid text, last read: &apos;%1&apos;</source>
        <translation>无效内容，最后读到：&apos;%1&apos;</translation>
    </message>
    <message>
        <source>unexpected string</source>
        <translation>意外的字符串</translation>
    </message>
    <message>
        <source>unexpected number</source>
        <translation>意外的数字</translation>
    </message>
    <message>
        <source>unexpected %1</source>
        <translation>意外的 %1</translation>
    </message>
    <message>
        <source>syntax error</source>
        <translation>语法错误</translation>
    </message>
    <message>
        <source>binary values are not JSON</source>
        <translation>二进制值不是 JSON</translation>
    </message>
    <message>
        <source>line %1, column %2: not valid JSON: %3</source>
        <translation>第 %1 行，第 %2 列：不是有效的 JSON：%3</translation>
    </message>
    <message>
        <source>too many JSON values (more than %1)</source>
        <translation>JSON 值过多（超过 %1 个）</translation>
    </message>
    <message>
        <source>JSON nested deeper than %1 levels</source>
        <translation>JSON 嵌套超过 %1 层</translation>
    </message>
    <message>
        <source>out of memory while parsing</source>
        <translation>解析时内存不足</translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation>不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>不是有效的 JSON</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>a decimal number</source>
        <translation>小数</translation>
    </message>
    <message>
        <source>something else</source>
        <translation>其他值</translation>
    </message>
    <message>
        <source>expected %1, found %2</source>
        <translation>应为%1，实际为%2</translation>
    </message>
    <message>
        <source>duplicate key &quot;%1&quot;</source>
        <translation>重复的键“%1”</translation>
    </message>
    <message>
        <source>missing key &quot;%1&quot;</source>
        <translation>缺少键“%1”</translation>
    </message>
    <message>
        <source>an unsigned integer</source>
        <translation>无符号整数</translation>
    </message>
    <message>
        <source>expected %1 (0 to %2)</source>
        <translation>应为%1（0 到 %2）</translation>
    </message>
    <message>
        <source>expected an integer from %1 to %2</source>
        <translation>应为 %1 到 %2 之间的整数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>seconds (a number)</source>
        <translation>秒数（数字）</translation>
    </message>
    <message>
        <source>expected seconds as a decimal with at most 9 fractional digits, found %1</source>
        <translation>应为最多 9 位小数的秒数，实际为 %1</translation>
    </message>
    <message>
        <source>expected [inside, outside, count]</source>
        <translation>应为 [inside, outside, count]</translation>
    </message>
    <message>
        <source>expected &quot;inet&quot; or &quot;inet6&quot;</source>
        <translation>应为 &quot;inet&quot; 或 &quot;inet6&quot;</translation>
    </message>
    <message>
        <source>unknown namespace type &quot;%1&quot;</source>
        <translation>未知的命名空间类型“%1”</translation>
    </message>
    <message>
        <source>expected a container key, found an empty string</source>
        <translation>应为容器键，实际为空字符串</translation>
    </message>
    <message>
        <source>expected &quot;bind-mount&quot; or &quot;fd&quot;</source>
        <translation>应为 &quot;bind-mount&quot; 或 &quot;fd&quot;</translation>
    </message>
    <message>
        <source>expected a one-character string</source>
        <translation>应为单个字符的字符串</translation>
    </message>
    <message>
        <source>expected a JSON object at the top level, found %1</source>
        <translation>顶层应为 JSON 对象，实际为%1</translation>
    </message>
    <message>
        <source>not an nsexplorer snapshot (no &quot;format&quot; key)</source>
        <translation>不是 nsexplorer 快照（没有“format”键）</translation>
    </message>
    <message>
        <source>not an nsexplorer snapshot (expected &quot;nsexplorer-snapshot&quot;)</source>
        <translation>不是 nsexplorer 快照（应为 &quot;nsexplorer-snapshot&quot;）</translation>
    </message>
    <message>
        <source>unsupported snapshot version %1 (this nsexplorer reads version 1)</source>
        <translation>不支持的快照版本 %1（此 nsexplorer 只能读取版本 1）</translation>
    </message>
    <message>
        <source>duplicate namespace %1 %2</source>
        <translation>重复的命名空间 %1 %2</translation>
    </message>
    <message>
        <source>duplicate pid %1</source>
        <translation>重复的 pid %1</translation>
    </message>
    <message>
        <source>duplicate container key &quot;%1&quot;</source>
        <translation>重复的容器键“%1”</translation>
    </message>
    <message>
        <source>%1 %2: no container with key &quot;%3&quot;</source>
        <translation>%1 %2：没有键为“%3”的容器</translation>
    </message>
    <message>
        <source>pid %1: no container with key &quot;%2&quot;</source>
        <translation>pid %1：没有键为“%2”的容器</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>A file name or a key path (namespaces[3].inode), then what is wrong there.</extracomment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>empty file, expected a JSON snapshot</source>
        <translation>空文件，应为 JSON 快照</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>（顶层）</translation>
    </message>
    <message>
        <source>a FIFO</source>
        <translation>FIFO</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>字符设备</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>块设备</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>不是文件</translation>
    </message>
    <message>
        <source>cannot stat: %1</source>
        <translation>无法获取文件状态：%1</translation>
    </message>
    <message>
        <source>is a directory, expected a snapshot file</source>
        <translation>是目录，应为快照文件</translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source>not a regular file (%1), expected a snapshot file</source>
        <translation>不是普通文件（%1），应为快照文件</translation>
    </message>
    <message>
        <source>file too large (%1 MiB; the limit is %2 MiB)</source>
        <translation>文件过大（%1 MiB；上限为 %2 MiB）</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>input too large (more than %1 MiB)</source>
        <translation>输入过大（超过 %1 MiB）</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>没有那个文件或目录</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>权限不够</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>不是目录</translation>
    </message>
    <message>
        <source>Too many levels of symbolic links</source>
        <translation>符号链接层数过多</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>输入/输出错误</translation>
    </message>
    <message>
        <source>a string without its closing quote (is the file cut short?)</source>
        <translation>字符串缺少结尾的引号（文件是否被截断？）</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Explore Linux namespaces, live or from a snapshot.</source>
        <translation>浏览 Linux 命名空间：实时的，或来自快照。</translation>
    </message>
    <message>
        <source>Use a dark palette.</source>
        <translation>使用深色配色。</translation>
    </message>
    <message>
        <source>Log debug details.</source>
        <translation>记录调试细节。</translation>
    </message>
    <message>
        <source>The language of this run: zh_CN or en (default: View → Language, else the system locale).</source>
        <translation>本次运行的语言：zh_CN 或 en（默认：视图 → 语言 中的选择，否则为系统区域设置）。</translation>
    </message>
    <message>
        <source>A saved snapshot to open read-only.</source>
        <translation>以只读方式打开的已保存快照。</translation>
    </message>
    <message>
        <source>expected at most one snapshot file, got %1</source>
        <translation>最多只能给一个快照文件，却给了 %1 个</translation>
    </message>
    <message>
        <source>invalid --lang &apos;%1&apos; (expected %2)</source>
        <translation>无效的 --lang &apos;%1&apos;（应为 %2）</translation>
    </message>
    <message>
        <source>cannot open %1: %2; showing the live system</source>
        <translation>无法打开 %1：%2；改为显示实时系统</translation>
    </message>
    <message>
        <source>Cannot open snapshot</source>
        <translation>无法打开快照</translation>
    </message>
    <message>
        <source>%1 could not be opened:
%2

Showing the live system instead.</source>
        <translation>无法打开 %1：
%2

改为显示实时系统。</translation>
    </message>
</context>
<context>
    <name>nsexplorer-cli</name>
    <message>
        <source>Usage:
 nsexplorer-cli snapshot [options]

Write a snapshot of every namespace, from the live system or from a saved snapshot.

Options:
 -o, --output FILE      write to FILE instead of standard output; with --format csv the
                        namespaces go to FILE with &quot;-namespaces&quot; before its extension
                        (to standard output and other streams: both, a blank line apart)
     --from FILE        convert a saved snapshot instead of scanning (&quot;-&quot;: stdin)
     --format FORMAT    json (default), csv or dot
     --no-details       leave out per-namespace details (no setns, faster)
 -h, --help             display this help
</source>
        <translation>用法：
 nsexplorer-cli snapshot [options]

为每个命名空间写一份快照，来源是实时系统或已保存的快照。

选项：
 -o, --output FILE      写到 FILE 而不是标准输出；使用 --format csv 时，
                        命名空间写到在 FILE 扩展名前加 &quot;-namespaces&quot; 的文件
                        （写到标准输出和其他流时：两者都写，中间空一行）
     --from FILE        转换已保存的快照而不扫描（&quot;-&quot;：标准输入）
     --format FORMAT    json（默认）、csv 或 dot
     --no-details       不收集每个命名空间的详细信息（不调用 setns，更快）
 -h, --help             显示本帮助
</translation>
    </message>
    <message>
        <source>Usage:
 nsexplorer-cli tree [options]

The user-namespace ownership tree with the namespaces each one owns, and the PID-namespace
nesting with the processes in each. Without --type both are shown.

Options:
 -t, --type user|pid    only one of the two trees
     --from FILE        read a saved snapshot instead of scanning (&quot;-&quot;: stdin)
 -h, --help             display this help
</source>
        <translation>用法：
 nsexplorer-cli tree [options]

用户命名空间的所有权树（含每个用户命名空间拥有的命名空间），以及 PID 命名空间的
嵌套（含每个 PID 命名空间中的进程）。不带 --type 时两者都显示。

选项：
 -t, --type user|pid    只显示两棵树中的一棵
     --from FILE        读取已保存的快照而不扫描（&quot;-&quot;：标准输入）
 -h, --help             显示本帮助
</translation>
    </message>
    <message>
        <source>Usage:
 nsexplorer-cli diff [options] OLD NEW

Compare two snapshot files; one of them may be &quot;-&quot;, standard input. Namespaces match by
(type, inode), processes by (pid, start time): a reused pid is a removal and an addition.
Exit status: 0 same, 1 different, 2 trouble.

Options:
 -J, --json             the difference as JSON (see snapshot-format.md)
 -h, --help             display this help
</source>
        <translation>用法：
 nsexplorer-cli diff [options] OLD NEW

比较两个快照文件；其中一个可以是 &quot;-&quot;，即标准输入。命名空间按（类型，inode）匹配，
进程按（pid，启动时间）匹配：被复用的 pid 算作一次删除加一次新增。
退出状态：0 相同，1 不同，2 出错。

选项：
 -J, --json             以 JSON 输出差异（见 snapshot-format.md）
 -h, --help             显示本帮助
</translation>
    </message>
    <message>
        <source>invalid --type &apos;%1&apos; (expected user or pid)</source>
        <translation>无效的 --type &apos;%1&apos;（应为 user 或 pid）</translation>
    </message>
    <message>
        <source>invalid --type &apos;%1&apos; (expected cgroup, ipc, mnt, net, pid, time, user or uts)</source>
        <translation>无效的 --type &apos;%1&apos;（应为 cgroup、ipc、mnt、net、pid、time、user 或 uts）</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>多余的参数 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>invalid --format &apos;%1&apos; (expected json, csv or dot)</source>
        <translation>无效的 --format &apos;%1&apos;（应为 json、csv 或 dot）</translation>
    </message>
    <message>
        <source>--output and --from name the same file</source>
        <translation>--output 和 --from 指向同一个文件</translation>
    </message>
    <message>
        <source>(deeper nesting not shown)</source>
        <translation>（更深的嵌套未显示）</translation>
    </message>
    <message>
        <source>(owner not known)</source>
        <translation>（所有者未知）</translation>
    </message>
    <message>
        <source>%1 inside</source>
        <translation>内部为 %1</translation>
    </message>
    <message>
        <source>expected two snapshot files, OLD and NEW</source>
        <translation>需要两个快照文件：OLD 和 NEW</translation>
    </message>
    <message>
        <source>OLD and NEW cannot both be standard input</source>
        <translation>OLD 和 NEW 不能都是标准输入</translation>
    </message>
    <message>
        <source>ignoring SHELL as root:</source>
        <translation>以 root 运行时忽略 SHELL：</translation>
    </message>
    <message>
        <source>using /bin/sh</source>
        <translation>改用 /bin/sh</translation>
    </message>
    <message>
        <source>nsexplorer-helper not found (looked in $NSX_HELPER, next to nsexplorer-cli, in the install prefix&apos;s libexec and bin)</source>
        <translation>找不到 nsexplorer-helper（已查找 $NSX_HELPER、nsexplorer-cli 所在目录、安装前缀的 libexec 和 bin）</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>no process %1</source>
        <translation>没有进程 %1</translation>
    </message>
    <message>
        <source>option &apos;%1&apos; requires an argument</source>
        <translation>选项 &apos;%1&apos; 需要一个参数</translation>
    </message>
    <message>
        <source>option &apos;%1&apos; doesn&apos;t allow an argument</source>
        <translation>选项 &apos;%1&apos; 不接受参数</translation>
    </message>
    <message>
        <source>unrecognized option &apos;%1&apos;</source>
        <translation>无法识别的选项 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>write error:</source>
        <translation>写入错误：</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: %2</source>
        <translation>无法写入 &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>no command given (try &apos;nsexplorer-cli --help&apos;)</source>
        <translation>没有给出命令（试试 &apos;nsexplorer-cli --help&apos;）</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos; (try &apos;nsexplorer-cli --help&apos;)</source>
        <translation>未知命令 &apos;%1&apos;（试试 &apos;nsexplorer-cli --help&apos;）</translation>
    </message>
    <message>
        <source>Usage:
 nsexplorer-cli list [options]

One line per namespace: NS TYPE NPROCS PID USER HOLDERS NAME COMMAND. PID, USER and COMMAND
are those of the lowest pid in it; HOLDERS says what keeps it alive (procs, threads,
bind:PATH, fd:PID/FD, owner-only); NAME is the container, sandbox, app or service it belongs
to, as &quot;engine: name&quot; (docker: nsx-dock), empty when none.

Options:
 -t, --type TYPE        only namespaces of TYPE (cgroup, ipc, mnt, net, pid, time, user, uts)
 -J, --json             JSON output
     --from FILE        read a saved snapshot instead of scanning (&quot;-&quot;: stdin)
 -h, --help             display this help
</source>
        <translation>用法：
 nsexplorer-cli list [options]

每个命名空间一行：NS TYPE NPROCS PID USER HOLDERS NAME COMMAND。PID、USER 和 COMMAND
取自其中 pid 最小的进程；HOLDERS 说明是什么让它保持存活（procs、threads、
bind:PATH、fd:PID/FD、owner-only）；NAME 是它所属的容器、沙箱、应用或服务，
写作 &quot;引擎: 名称&quot;（docker: nsx-dock），没有时为空。

选项：
 -t, --type TYPE        只列出 TYPE 类型的命名空间（cgroup、ipc、mnt、net、pid、time、user、uts）
 -J, --json             JSON 输出
     --from FILE        读取已保存的快照而不扫描（&quot;-&quot;：标准输入）
 -h, --help             显示本帮助
</translation>
    </message>
    <message>
        <source>Usage:
 nsexplorer-cli map [options]

The network topology: one card per network namespace with its interfaces, wires for veth
pairs, bridge ports, macvlan/vlan/vxlan lower devices and physical NICs (to &quot;outside&quot;).

Options:
 -f, --format dot|svg|json
                        DOT text (default), SVG drawn by Graphviz, or the graph as JSON
 -o, --output FILE      write to FILE instead of standard output
     --loopback         show loopback interfaces too
     --from FILE        read a saved snapshot instead of scanning (&quot;-&quot;: stdin)
 -h, --help             display this help
</source>
        <translation>用法：
 nsexplorer-cli map [options]

网络拓扑：每个网络命名空间一张卡片，列出其网络接口；连线表示 veth 对、网桥端口、
macvlan/vlan/vxlan 的下层设备以及物理网卡（连到 &quot;outside&quot;，即外部）。

选项：
 -f, --format dot|svg|json
                        DOT 文本（默认）、由 Graphviz 绘制的 SVG，或 JSON 格式的图
 -o, --output FILE      写入 FILE 而不是标准输出
     --loopback         也显示回环网络接口
     --from FILE        读取已保存的快照而不扫描（&quot;-&quot;：标准输入）
 -h, --help             显示本帮助
</translation>
    </message>
    <message>
        <source>invalid --format &apos;%1&apos; (expected dot, svg or json)</source>
        <translation>无效的 --format &apos;%1&apos;（应为 dot、svg 或 json）</translation>
    </message>
    <message>
        <source>  --container NAME    join a container&apos;s init process instead of --target: its name
                      (&quot;nsx-dock&quot;), &quot;engine:name&quot; (&quot;docker:nsx-dock&quot;) or its key,
                      as `nsexplorer-cli list` shows them; resolved by a fresh scan
</source>
        <translation>  --container NAME    加入某个容器的 init 进程，代替 --target：写它的名称
                      （&quot;nsx-dock&quot;）、&quot;引擎:名称&quot;（&quot;docker:nsx-dock&quot;）或它的键，
                      与 `nsexplorer-cli list` 所显示的一致；通过一次新的扫描解析
</translation>
    </message>
    <message>
        <source>--container given twice</source>
        <translation>--container 给出了两次</translation>
    </message>
    <message>
        <source>--container: a name is required</source>
        <translation>--container：需要一个名称</translation>
    </message>
    <message>
        <source>--container and --target are exclusive</source>
        <translation>--container 与 --target 不能同时使用</translation>
    </message>
    <message>
        <source>--container %1: no such container (see nsexplorer-cli list)</source>
        <translation>--container %1：没有这个容器（见 nsexplorer-cli list）</translation>
    </message>
    <message>
        <source>--container %1: no process of %2 to enter</source>
        <translation>--container %1：%2 没有可进入的进程</translation>
    </message>
    <message>
        <source>--container %1 is ambiguous: %2 (name one as engine:name)</source>
        <translation>--container %1 有歧义：%2（请以 引擎:名称 的形式指定其中一个）</translation>
    </message>
    <message>
        <source>Usage:
 nsexplorer-cli &lt;command&gt; [options]

Show, save and compare the Linux namespaces of this machine.

Commands:
 snapshot [-o FILE] [--from FILE] [--format json|csv|dot] [--no-details]
                        write a snapshot of every namespace
 list [--type TYPE] [--json] [--from FILE]
                        one line per namespace, in the manner of lsns
 tree [--type user|pid] [--from FILE]
                        user-namespace ownership and PID-namespace nesting
 map [--format dot|svg|json] [--from FILE]
                        the network topology: namespaces, interfaces, wires
 diff OLD NEW [--json]  compare two snapshot files (exit 0 same, 1 different)
 launch ...             start a command in new namespaces
 enter ...              run a command in the namespaces of a process

Options:
 -h, --help             display this help
 -V, --version          display version

Run &apos;nsexplorer-cli &lt;command&gt; --help&apos; for the options of a command.
</source>
        <translation>用法：
 nsexplorer-cli &lt;command&gt; [options]

显示、保存和比较本机的 Linux 命名空间。

命令：
 snapshot [-o FILE] [--from FILE] [--format json|csv|dot] [--no-details]
                        为每个命名空间写一份快照
 list [--type TYPE] [--json] [--from FILE]
                        每个命名空间一行，仿照 lsns
 tree [--type user|pid] [--from FILE]
                        用户命名空间的所有权与 PID 命名空间的嵌套
 map [--format dot|svg|json] [--from FILE]
                        网络拓扑：命名空间、网络接口、连线
 diff OLD NEW [--json]  比较两个快照文件（退出状态 0 相同，1 不同）
 launch ...             在新的命名空间中启动命令
 enter ...              在某个进程的命名空间中运行命令

选项：
 -h, --help             显示本帮助
 -V, --version          显示版本

运行 &apos;nsexplorer-cli &lt;command&gt; --help&apos; 查看某个命令的选项。
</translation>
    </message>
    <message>
        <source>(standard input)</source>
        <translation>（标准输入）</translation>
    </message>
    <message>
        <source>--container %1: only another user&apos;s container has that name, and that user chose it: %2; name it so to enter it</source>
        <translation>--container %1：只有另一个用户的容器叫这个名字，名字是该用户取的：%2；要进入它，请用这个写法指名</translation>
    </message>
</context>
<context>
    <name>nsx::backend</name>
    <message>
        <source>Hostname</source>
        <translation>主机名</translation>
    </message>
    <message>
        <source>Domain name</source>
        <translation>域名</translation>
    </message>
    <message>
        <source>Message queues</source>
        <translation>消息队列</translation>
    </message>
    <message>
        <source>Shared memory segments</source>
        <translation>共享内存段</translation>
    </message>
    <message>
        <source>Semaphore sets</source>
        <translation>信号量集</translation>
    </message>
    <message>
        <source>Interfaces</source>
        <translation>网络接口</translation>
    </message>
    <message>
        <source>Init (PID 1 inside)</source>
        <translation>init 进程（内部的 PID 1）</translation>
    </message>
    <message>
        <source>Nesting level</source>
        <translation>嵌套层级</translation>
    </message>
    <message>
        <source>uid map</source>
        <translation>uid 映射</translation>
    </message>
    <message>
        <source>gid map</source>
        <translation>gid 映射</translation>
    </message>
    <message>
        <source>Monotonic offset</source>
        <translation>单调时钟偏移</translation>
    </message>
    <message>
        <source>Boot-time offset</source>
        <translation>启动时钟偏移</translation>
    </message>
    <message>
        <source>Mount points</source>
        <translation>挂载点</translation>
    </message>
    <message>
        <source>Root</source>
        <translation>根目录</translation>
    </message>
    <message>
        <source>Cgroup root</source>
        <translation>cgroup 根</translation>
    </message>
    <message>
        <source>Default routes</source>
        <translation>默认路由</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>Interface links</source>
        <translation>网络接口链路</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>父命名空间</translation>
    </message>
    <message>
        <source>Owner uid</source>
        <translation>所有者 uid</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>References</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Launcher</source>
        <translation>启动者</translation>
    </message>
    <message>
        <source>Parent pid</source>
        <translation>父进程 pid</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>Uid</source>
        <translation>uid</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>NSpid</source>
        <translation>NSpid</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>Pod namespace</source>
        <translation>Pod 命名空间</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>App id</source>
        <translation>应用 ID</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Pid</source>
        <translation>pid</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>nsx::gui::BrowserView</name>
    <message>
        <source>By type</source>
        <translation>按类型</translation>
    </message>
    <message>
        <source>Hierarchy</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>容器</translation>
    </message>
</context>
<context>
    <name>nsx::gui::ChartsIntegration</name>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>&amp;Charts</source>
        <translation>图表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the snapshot as JSON, CSV or Graphviz DOT, or the current view as an image</source>
        <translation>把快照保存为 JSON、CSV 或 Graphviz DOT，或把当前视图保存为图片</translation>
    </message>
    <message>
        <source>&amp;Compare with snapshot…</source>
        <translation>与快照比较(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Record snapshots…</source>
        <translation>记录快照(&amp;R)…</translation>
    </message>
    <message>
        <source>%1 tab</source>
        <translation>%1 标签页</translation>
    </message>
    <message>
        <source>%1 chart</source>
        <translation>%1 图表</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>The snapshot shown</source>
        <translation>当前显示的快照</translation>
    </message>
</context>
<context>
    <name>nsx::gui::ChartsPanel</name>
    <message>
        <source>By &amp;type</source>
        <translation>按类型(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Largest namespaces</source>
        <translation>最大的命名空间(&amp;L)</translation>
    </message>
    <message>
        <source>H&amp;istory</source>
        <translation>历史(&amp;I)</translation>
    </message>
    <message>
        <source>Export as &amp;PNG…</source>
        <translation>导出为 &amp;PNG…</translation>
    </message>
    <message>
        <source>Export as S&amp;VG…</source>
        <translation>导出为 S&amp;VG…</translation>
    </message>
    <message>
        <source>Save the chart shown above as a PNG image</source>
        <translation>把上方显示的图表保存为 PNG 图片</translation>
    </message>
    <message>
        <source>Save the chart shown above as an SVG drawing</source>
        <translation>把上方显示的图表保存为 SVG 矢量图</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
</context>
<context>
    <name>nsx::gui::CompareDialog</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>bind mount %1</source>
        <translation>绑定挂载 %1</translation>
    </message>
    <message>
        <source>fd %1 of pid %2</source>
        <translation>pid %2 的 fd %1</translation>
    </message>
    <message>
        <source>, launched by %1</source>
        <translation>，由 %1 启动</translation>
    </message>
    <message>
        <source>; added: %1</source>
        <translation>；新增：%1</translation>
    </message>
    <message>
        <source>; left: %1</source>
        <translation>；离开：%1</translation>
    </message>
    <message>
        <source>Compare snapshots</source>
        <translation>比较快照</translation>
    </message>
    <message>
        <source>&amp;Before:</source>
        <translation>之前(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;After:</source>
        <translation>之后(&amp;A)：</translation>
    </message>
    <message>
        <source>Namespace or process</source>
        <translation>命名空间或进程</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Search the differences (Ctrl+F)</source>
        <translation>搜索差异（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Compare again, with the newest live snapshot</source>
        <translation>用最新的实时快照重新比较</translation>
    </message>
    <message>
        <source>Recent: %1</source>
        <translation>最近：%1</translation>
    </message>
    <message>
        <source>(choose a snapshot)</source>
        <translation>（选择一个快照）</translation>
    </message>
    <message>
        <source>Live view</source>
        <translation>实时视图</translation>
    </message>
    <message>
        <source>&amp;Open file…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <source>O&amp;pen file…</source>
        <translation>打开文件(&amp;P)…</translation>
    </message>
    <message>
        <source>Recorded %1</source>
        <translation>记录于 %1</translation>
    </message>
    <message>
        <source>Open snapshot</source>
        <translation>打开快照</translation>
    </message>
    <message>
        <source>Snapshots (*.json);;All files (*)</source>
        <translation>快照 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose two snapshots to compare.</source>
        <translation>请选择两个要比较的快照。</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Namespaces (%1)</source>
        <translation>命名空间（%1）</translation>
    </message>
    <message>
        <source>Processes (%1)</source>
        <translation>进程（%1）</translation>
    </message>
    <message>
        <source>No differences.</source>
        <translation>没有差异。</translation>
    </message>
    <message>
        <source>Namespaces: %1 added, %2 removed, %3 changed; processes: %4 added, %5 removed, %6 changed.</source>
        <translation>命名空间：新增 %1，删除 %2，变化 %3；进程：新增 %4，删除 %5，变化 %6。</translation>
    </message>
    <message>
        <source>1 process</source>
        <translation>1 个进程</translation>
    </message>
    <message>
        <source>%1 processes</source>
        <translation>%1 个进程</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>… (%1 in all)</source>
        <translation>…（共 %1 个）</translation>
    </message>
</context>
<context>
    <name>nsx::gui::ContainerStopper</name>
    <message>
        <source>The container of %1 is being stopped</source>
        <translation>正在停止 %1 的容器</translation>
    </message>
    <message>
        <source>nsexplorer-helper (pid %1) runs as another user (pkexec): not ours to stop</source>
        <translation>nsexplorer-helper（pid %1）以另一个用户身份运行（pkexec）：不归我们停止</translation>
    </message>
    <message>
        <source>Ends the container nsexplorer started that the selection belongs to</source>
        <translation>结束所选内容所属的、由 nsexplorer 启动的容器</translation>
    </message>
    <message>
        <source>Cannot stop the container</source>
        <translation>无法停止容器</translation>
    </message>
    <message>
        <source>nsexplorer-helper (pid %1) runs as another user, probably through pkexec: it is not ours to signal.</source>
        <translation>nsexplorer-helper（pid %1）以另一个用户身份运行，可能是通过 pkexec：不归我们发送信号。</translation>
    </message>
    <message>
        <source>Stop container</source>
        <translation>停止容器</translation>
    </message>
    <message numerus="yes">
        <source>Stop the container started by nsexplorer-helper (pid %1)? Its %n process(es) get SIGHUP and SIGTERM; any still running after %2 s are killed.</source>
        <translation>
            <numerusform>停止由 nsexplorer-helper（pid %1）启动的容器？它的 %n 个进程会收到 SIGHUP 和 SIGTERM；%2 秒后仍在运行的将被强制结束。</numerusform>
        </translation>
    </message>
    <message>
        <source>Container gone</source>
        <translation>容器已不存在</translation>
    </message>
    <message>
        <source>nsexplorer-helper (pid %1) has exited; nothing was sent.</source>
        <translation>nsexplorer-helper（pid %1）已退出；没有发送任何信号。</translation>
    </message>
    <message>
        <source>Process %1: %2</source>
        <translation>进程 %1：%2</translation>
    </message>
    <message>
        <source>Stopping the container of %1…</source>
        <translation>正在停止 %1 的容器…</translation>
    </message>
    <message numerus="yes">
        <source>The container of %1: %n process(es) could not be killed</source>
        <translation>
            <numerusform>%1 的容器：%n 个进程无法结束</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Killed the container of %1 (%n process(es) had ignored SIGTERM)</source>
        <translation>
            <numerusform>已强制结束 %1 的容器（%n 个进程忽略了 SIGTERM）</numerusform>
        </translation>
    </message>
    <message>
        <source>The container of %1 ended</source>
        <translation>%1 的容器已结束</translation>
    </message>
</context>
<context>
    <name>nsx::gui::DetailsPane</name>
    <message>
        <source>(empty: nothing mapped yet)</source>
        <translation>（空：尚未映射）</translation>
    </message>
    <message>
        <source>%1–%2 inside → %3–%4 outside</source>
        <translation>内部 %1–%2 → 外部 %3–%4</translation>
    </message>
    <message>
        <source>%1%2 s</source>
        <translation>%1%2 秒</translation>
    </message>
    <message>
        <source>%1%2.%3 s</source>
        <translation>%1%2.%3 秒</translation>
    </message>
    <message>
        <source>up</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>down</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Select a namespace or a process to see its details.</source>
        <translation>选择一个命名空间或进程以查看其详细信息。</translation>
    </message>
    <message>
        <source>The selected process is hidden by the filter.</source>
        <translation>所选进程被过滤器隐藏了。</translation>
    </message>
    <message>
        <source>The selected process has ended.</source>
        <translation>所选进程已结束。</translation>
    </message>
    <message>
        <source>The selected namespace is hidden by the filter.</source>
        <translation>所选命名空间被过滤器隐藏了。</translation>
    </message>
    <message>
        <source>The selected namespace no longer exists.</source>
        <translation>所选命名空间已不存在。</translation>
    </message>
    <message>
        <source>The selected row is hidden by the filter.</source>
        <translation>所选行被过滤器隐藏了。</translation>
    </message>
    <message>
        <source>The selected row is gone.</source>
        <translation>所选行已不存在。</translation>
    </message>
    <message>
        <source>This namespace is gone: a newer namespace has its inode (id %1, this one had %2).</source>
        <translation>这个命名空间已不存在：一个较新的命名空间使用了它的 inode（id %1，原来的是 %2）。</translation>
    </message>
    <message>
        <source>This namespace is gone: it was not in the latest scan.</source>
        <translation>这个命名空间已不存在：最近一次扫描中没有它。</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Inode</source>
        <translation>inode</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Initial</source>
        <translation>初始</translation>
    </message>
    <message>
        <source>yes — the host&apos;s namespace</source>
        <translation>是 —— 宿主机的命名空间</translation>
    </message>
    <message>
        <source> (owner %1)</source>
        <translation>（所有者 %1）</translation>
    </message>
    <message>
        <source>Parent chain</source>
        <translation>父链</translation>
    </message>
    <message>
        <source>Owner chain</source>
        <translation>所有者链</translation>
    </message>
    <message>
        <source>Owner uid</source>
        <translation>所有者 uid</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>子命名空间</translation>
    </message>
    <message>
        <source>Owns</source>
        <translation>拥有</translation>
    </message>
    <message>
        <source>Started by</source>
        <translation>启动者</translation>
    </message>
    <message>
        <source>bind mount %1</source>
        <translation>绑定挂载 %1</translation>
    </message>
    <message>
        <source>fd %1 of </source>
        <translation>fd %1，属于 </translation>
    </message>
    <message>
        <source>References</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>… show all %1</source>
        <translation>… 显示全部 %1 个</translation>
    </message>
    <message>
        <source> … and %1 more</source>
        <translation> … 以及另外 %1 个</translation>
    </message>
    <message>
        <source>show fewer</source>
        <translation>显示较少</translation>
    </message>
    <message>
        <source>Processes (%1)</source>
        <translation>进程（%1）</translation>
    </message>
    <message>
        <source>Loose threads</source>
        <translation>游离线程</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 after boot</source>
        <translation>开机后 %1</translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation>%1（%2 前）</translation>
    </message>
    <message>
        <source>Process %1</source>
        <translation>进程 %1</translation>
    </message>
    <message>
        <source>This process is gone: it was not in the latest scan.</source>
        <translation>这个进程已不存在：最近一次扫描中没有它。</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>PID in each PID namespace</source>
        <translation>在每个 PID 命名空间中的 PID</translation>
    </message>
    <message>
        <source>none (a root of the tree)</source>
        <translation>无（树的根）</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>启动时间</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>不可读</translation>
    </message>
    <message>
        <source> — differs from its parent&apos;s</source>
        <translation> —— 与父进程的不同</translation>
    </message>
    <message>
        <source>Namespaces</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>%1 via %2 dev %3</source>
        <translation>%1 via %2 dev %3</translation>
    </message>
    <message>
        <source>%1 on-link dev %2</source>
        <translation>%1 on-link dev %2</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>%1 (namespace %2)</source>
        <translation>%1（命名空间 %2）</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>App id</source>
        <translation>应用 ID</translation>
    </message>
    <message>
        <source>Init process</source>
        <translation>init 进程</translation>
    </message>
    <message>
        <source>Labels (%1)</source>
        <translation>标签（%1）</translation>
    </message>
    <message>
        <source>Named from</source>
        <translation>名称来源</translation>
    </message>
    <message>
        <source>This container is gone: it was not in the latest scan.</source>
        <translation>这个容器已不存在：最近一次扫描中没有它。</translation>
    </message>
    <message>
        <source>Namespaces (%1)</source>
        <translation>命名空间（%1）</translation>
    </message>
</context>
<context>
    <name>nsx::gui::EmptyNotice</name>
    <message>
        <source>Nothing matches the filter.</source>
        <translation>没有符合过滤条件的内容。</translation>
    </message>
    <message>
        <source>Reset filter</source>
        <translation>重置过滤器</translation>
    </message>
    <message>
        <source>Nothing matches the filter in this view.</source>
        <translation>此视图中没有符合过滤条件的内容。</translation>
    </message>
    <message>
        <source>The pattern is not a valid regular expression: %1</source>
        <translation>该模式不是有效的正则表达式：%1</translation>
    </message>
</context>
<context>
    <name>nsx::gui::EnterDialog</name>
    <message>
        <source>pkexec is not installed, and entering another user&apos;s process needs it to ask for an administrator&apos;s password. Install Debian&apos;s “pkexec” package and a polkit agent for your desktop (one of %1), or start nsexplorer as root.</source>
        <translation>没有安装 pkexec，而进入另一个用户的进程需要它来询问管理员密码。请安装 Debian 的“pkexec”软件包以及适合你桌面的 polkit 代理（%1 之一），或以 root 身份启动 nsexplorer。</translation>
    </message>
    <message>
        <source>polkit is not running (there is no D-Bus system bus at %1), so pkexec cannot ask for a password. Install and start Debian&apos;s “polkitd” and “dbus” packages, with a polkit agent for your desktop (one of %2), or start nsexplorer as root.</source>
        <translation>polkit 没有运行（%1 处没有 D-Bus 系统总线），所以 pkexec 无法询问密码。请安装并启动 Debian 的“polkitd”和“dbus”软件包，以及适合你桌面的 polkit 代理（%2 之一），或以 root 身份启动 nsexplorer。</translation>
    </message>
    <message>
        <source>Tick at least one namespace to join.</source>
        <translation>请至少勾选一个要加入的命名空间。</translation>
    </message>
    <message>
        <source>Give a command to run.</source>
        <translation>请给出要运行的命令。</translation>
    </message>
    <message>
        <source>The process&apos;s %1 namespace is not readable: untick it.</source>
        <translation>该进程的 %1 命名空间不可读：请取消勾选。</translation>
    </message>
    <message>
        <source>Only root may keep host root&apos;s rights.</source>
        <translation>只有 root 才能保留宿主机 root 的权限。</translation>
    </message>
    <message>
        <source>The %1 namespace belongs to a user namespace other than this program&apos;s and the process&apos;s: it cannot be joined safely.</source>
        <translation>该 %1 命名空间属于一个既非本程序也非该进程的用户命名空间：无法安全地加入。</translation>
    </message>
    <message>
        <source>Keeping host root&apos;s rights excludes joining the user namespace.</source>
        <translation>保留宿主机 root 的权限就不能加入用户命名空间。</translation>
    </message>
    <message>
        <source>The command cannot be run: %1.</source>
        <translation>无法运行该命令：%1。</translation>
    </message>
    <message>
        <source>This process cannot be identified any more: close the dialog and choose it again.</source>
        <translation>已无法识别这个进程：请关闭对话框后重新选择。</translation>
    </message>
    <message>
        <source>This request cannot be started (%1).</source>
        <translation>无法启动这个请求（%1）。</translation>
    </message>
    <message>
        <source>Enter the namespaces of process %1</source>
        <translation>进入进程 %1 的命名空间</translation>
    </message>
    <message>
        <source>Process %1 (%2), user %3</source>
        <translation>进程 %1（%2），用户 %3</translation>
    </message>
    <message>
        <source>Namespaces to join</source>
        <translation>要加入的命名空间</translation>
    </message>
    <message>
        <source>not readable as you (pkexec reads it when joining)</source>
        <translation>以你的身份不可读（加入时由 pkexec 读取）</translation>
    </message>
    <message>
        <source>%1:[%2] — the same as this program&apos;s (from the snapshot)</source>
        <translation>%1:[%2] —— 与本程序的相同（来自快照）</translation>
    </message>
    <message>
        <source>%1:[%2] (from the snapshot)</source>
        <translation>%1:[%2]（来自快照）</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>不可读</translation>
    </message>
    <message>
        <source>%1 — the same as this program&apos;s</source>
        <translation>%1 —— 与本程序的相同</translation>
    </message>
    <message>
        <source> — owned by the process&apos;s user namespace</source>
        <translation> —— 属于该进程的用户命名空间</translation>
    </message>
    <message>
        <source> — owned by another user namespace</source>
        <translation> —— 属于另一个用户命名空间</translation>
    </message>
    <message>
        <source>Keep host root&apos;s rights (do not join the owning user namespace)</source>
        <translation>保留宿主机 root 的权限（不加入所属的用户命名空间）</translation>
    </message>
    <message>
        <source>Unsafe: the programs and libraries found in these namespaces are chosen by the user who owns them. Run as host root, they can take over this machine.</source>
        <translation>不安全：这些命名空间中的程序和库由拥有它们的用户决定。以宿主机 root 身份运行它们，可能会接管这台机器。</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>命令(&amp;C)：</translation>
    </message>
    <message>
        <source>Process %1 is gone or not readable (it exited, or its pid now names another process)</source>
        <translation>进程 %1 已不存在或不可读（它已退出，或其 pid 现在指向另一个进程）</translation>
    </message>
    <message>
        <source>This process belongs to another user: pkexec will ask for an administrator&apos;s password (through your desktop&apos;s polkit agent; without one running, nothing is started).</source>
        <translation>这个进程属于另一个用户：pkexec 会询问管理员密码（通过桌面的 polkit 代理；没有运行代理时，什么也不会启动）。</translation>
    </message>
    <message>
        <source>The process&apos;s user namespace is joined as well: some of these namespaces belong to it.</source>
        <translation>也会加入该进程的用户命名空间：其中一些命名空间属于它。</translation>
    </message>
</context>
<context>
    <name>nsx::gui::ExportDialog</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>No file name given</source>
        <translation>没有给出文件名</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>它是一个文件夹</translation>
    </message>
    <message>
        <source>The processes and namespaces CSV files must be different files</source>
        <translation>进程和命名空间的 CSV 文件必须是不同的文件</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>Cannot render the view (it has no size)</source>
        <translation>无法渲染视图（它没有尺寸）</translation>
    </message>
    <message>
        <source>Exported by nsexplorer</source>
        <translation>由 nsexplorer 导出</translation>
    </message>
    <message>
        <source>Cannot render the view as SVG</source>
        <translation>无法把视图渲染为 SVG</translation>
    </message>
    <message>
        <source>Current view</source>
        <translation>当前视图</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Snapshot as JSON</source>
        <translation>快照（JSON）</translation>
    </message>
    <message>
        <source>Snapshot as CSV (processes and namespaces)</source>
        <translation>快照（CSV：进程和命名空间）</translation>
    </message>
    <message>
        <source>Graphviz DOT (ownership and nesting)</source>
        <translation>Graphviz DOT（所有权与嵌套）</translation>
    </message>
    <message>
        <source>Current view as PNG image</source>
        <translation>当前视图（PNG 图片）</translation>
    </message>
    <message>
        <source>Current view as SVG image</source>
        <translation>当前视图（SVG 图片）</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>视图(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Namespaces file:</source>
        <translation>命名空间文件(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>文件(&amp;I)：</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>%1 文件 (*.%2)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>There is no snapshot to export yet</source>
        <translation>还没有可导出的快照</translation>
    </message>
    <message>
        <source>There is no view to export</source>
        <translation>没有可导出的视图</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
</context>
<context>
    <name>nsx::gui::FilterBar</name>
    <message>
        <source>Search pid, command, inode, hostname… (Ctrl+F)</source>
        <translation>搜索 pid、命令、inode、主机名…（Ctrl+F）</translation>
    </message>
    <message>
        <source>Regular expression (each field is a line: ^ and $ anchor a field)</source>
        <translation>正则表达式（每个字段是一行：^ 和 $ 锚定一个字段）</translation>
    </message>
    <message>
        <source>Show %1 namespaces</source>
        <translation>显示 %1 命名空间</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>所有用户</translation>
    </message>
    <message>
        <source>Processes of this user, and namespaces it owns</source>
        <translation>该用户的进程，以及它拥有的命名空间</translation>
    </message>
    <message>
        <source>Only non-initial</source>
        <translation>仅非初始</translation>
    </message>
    <message>
        <source>Hide the host&apos;s namespaces (PID 1&apos;s; kthreadd&apos;s when PID 1 cannot be read)</source>
        <translation>隐藏宿主机的命名空间（PID 1 的；PID 1 不可读时为 kthreadd 的）</translation>
    </message>
    <message>
        <source>Invalid pattern: %1 (showing the last valid search)</source>
        <translation>无效的模式：%1（显示上一次有效的搜索结果）</translation>
    </message>
</context>
<context>
    <name>nsx::gui::HelperDialog</name>
    <message>
        <source>command: unterminated quote or trailing backslash</source>
        <translation>命令：引号未闭合或末尾有反斜杠</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>An option name (hostname, map-user, command) and what is wrong with its value.</extracomment>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>nsx::gui::HistoryChart</name>
    <message>
        <source>1 minute</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>10 minutes</source>
        <translation>10 分钟</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>Namespaces per type</source>
        <translation>各类型的命名空间数</translation>
    </message>
    <message>
        <source>Processes outside the host&apos;s namespaces</source>
        <translation>位于宿主机命名空间之外的进程</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>时间窗口(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Count:</source>
        <translation>统计(&amp;C)：</translation>
    </message>
    <message>
        <source>Over this session</source>
        <translation>本次会话期间</translation>
    </message>
    <message>
        <source>launches</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>exits</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>History over this session</source>
        <translation>本次会话的历史</translation>
    </message>
    <message>
        <source>Namespaces per type in %1 (when it was taken)</source>
        <translation>%1 中各类型的命名空间数（拍摄时）</translation>
    </message>
    <message>
        <source>Processes outside the host&apos;s namespaces in %1</source>
        <translation>%1 中位于宿主机命名空间之外的进程</translation>
    </message>
    <message>
        <source>Namespaces per type over this session</source>
        <translation>本次会话期间各类型的命名空间数</translation>
    </message>
    <message>
        <source>Processes outside the host&apos;s namespaces, per type</source>
        <translation>位于宿主机命名空间之外的进程（按类型）</translation>
    </message>
    <message>
        <source>%1:[%2] appeared</source>
        <translation>%1:[%2] 出现</translation>
    </message>
    <message>
        <source>%1:[%2] vanished</source>
        <translation>%1:[%2] 消失</translation>
    </message>
    <message>
        <source> (launched by %1)</source>
        <translation>（由 %1 启动）</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 以及另外 %1 个</translation>
    </message>
</context>
<context>
    <name>nsx::gui::Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language changes the next time nsexplorer starts.</source>
        <translation>语言将在下次启动 nsexplorer 时生效。</translation>
    </message>
</context>
<context>
    <name>nsx::gui::LaunchDialog</name>
    <message>
        <source>New isolated shell</source>
        <translation>新建隔离 Shell</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>New namespaces</source>
        <translation>新建命名空间</translation>
    </message>
    <message>
        <source>UTS</source>
        <translation>UTS</translation>
    </message>
    <message>
        <source>its own hostname and domain name</source>
        <translation>独立的主机名和域名</translation>
    </message>
    <message>
        <source>IPC</source>
        <translation>IPC</translation>
    </message>
    <message>
        <source>its own System V message queues, semaphores, shared memory</source>
        <translation>独立的 System V 消息队列、信号量、共享内存</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>its own process numbers; the first is 1</source>
        <translation>独立的进程号；第一个是 1</translation>
    </message>
    <message>
        <source>Mount</source>
        <translation>挂载</translation>
    </message>
    <message>
        <source>its own mounts, invisible outside</source>
        <translation>独立的挂载，外部不可见</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>its own interfaces, addresses, routes, ports (only loopback)</source>
        <translation>独立的网络接口、地址、路由、端口（只有回环接口）</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>its own user and group ids; root inside, nobody outside</source>
        <translation>独立的用户和组 ID；内部是 root，外部是 nobody</translation>
    </message>
    <message>
        <source>Cgroup</source>
        <translation>cgroup</translation>
    </message>
    <message>
        <source>its own view of the cgroup tree, rooted at its cgroup</source>
        <translation>独立的 cgroup 树视图，以它自己的 cgroup 为根</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>its own monotonic and boot-time clock offsets</source>
        <translation>独立的单调时钟和启动时钟偏移</translation>
    </message>
    <message>
        <source>unchanged (e.g. container)</source>
        <translation>不变（例如 container）</translation>
    </message>
    <message>
        <source>&amp;Hostname:</source>
        <translation>主机名(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>命令(&amp;C)：</translation>
    </message>
    <message>
        <source>Map me to root inside (user namespace)</source>
        <translation>把我映射为内部的 root（用户命名空间）</translation>
    </message>
    <message>
        <source>Fresh /proc for a new PID namespace (else ps shows the host)</source>
        <translation>为新的 PID 命名空间挂载全新的 /proc（否则 ps 显示宿主机）</translation>
    </message>
    <message>
        <source>Command is PID 1 itself (no reaper)</source>
        <translation>命令本身就是 PID 1（无回收进程）</translation>
    </message>
    <message>
        <source>Connect to the host with a veth pair (needs administrator)</source>
        <translation>用 veth 对连接到宿主机（需要管理员权限）</translation>
    </message>
    <message>
        <source>unchanged (a directory to pivot_root into)</source>
        <translation>不变（要 pivot_root 进入的目录）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>R&amp;oot directory:</source>
        <translation>根目录(&amp;O)：</translation>
    </message>
    <message>
        <source>Root directory</source>
        <translation>根目录</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>&amp;Working directory:</source>
        <translation>工作目录(&amp;W)：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>0: no offset (implies a time namespace otherwise)</source>
        <translation>0：无偏移（否则隐含一个时间命名空间）</translation>
    </message>
    <message>
        <source>&amp;Monotonic clock offset:</source>
        <translation>单调时钟偏移(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Boot-time clock offset:</source>
        <translation>启动时钟偏移(&amp;B)：</translation>
    </message>
    <message>
        <source>This request needs administrator rights: you will be asked to authenticate (pkexec).</source>
        <translation>这个请求需要管理员权限：将要求你进行身份验证（pkexec）。</translation>
    </message>
    <message>
        <source>running as an ordinary user (the helper makes the other namespaces inside a new user namespace)</source>
        <translation>以普通用户身份运行（helper 会在一个新的用户命名空间内创建其他命名空间）</translation>
    </message>
    <message>
        <source>Needed by %1</source>
        <translation>因%1而需要</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>All namespaces</source>
        <translation>所有命名空间</translation>
    </message>
    <message>
        <source>Network sandbox</source>
        <translation>网络沙箱</translation>
    </message>
    <message>
        <source>The UTS+IPC+PID demo</source>
        <translation>UTS+IPC+PID 演示</translation>
    </message>
    <message>
        <source>(choose a preset)</source>
        <translation>（选择一个预设）</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <source>Preset name:</source>
        <translation>预设名称：</translation>
    </message>
    <message>
        <source>the hostname, else the command</source>
        <translation>主机名，否则为命令</translation>
    </message>
    <message>
        <source>What nsexplorer calls this container (&quot;nsexplorer: NAME&quot; in the Container column). Follows the hostname until you type one.</source>
        <translation>nsexplorer 对这个容器的称呼（在“容器”列中显示为 &quot;nsexplorer: NAME&quot;）。在你输入名称之前，它跟随主机名。</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Name: %1</source>
        <translation>名称：%1</translation>
    </message>
</context>
<context>
    <name>nsx::gui::MainWindow</name>
    <message>
        <source>Scan failed: %1</source>
        <translation>扫描失败：%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open snapshot…</source>
        <translation>打开快照(&amp;O)…</translation>
    </message>
    <message>
        <source>Back to the &amp;live view</source>
        <translation>回到实时视图(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause or resume polling (Space, Ctrl+P)</source>
        <translation>暂停或继续轮询（空格键，Ctrl+P）</translation>
    </message>
    <message>
        <source>&amp;Refresh now</source>
        <translation>立即刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Poll &amp;interval</source>
        <translation>轮询间隔(&amp;I)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>By &amp;type</source>
        <translation>按类型(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Hierarchy</source>
        <translation>层级(&amp;H)</translation>
    </message>
    <message>
        <source>P&amp;rocesses</source>
        <translation>进程(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Reset &amp;filter</source>
        <translation>重置过滤器(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About nsexplorer</source>
        <translation>关于 nsexplorer(&amp;A)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;Namespaces</source>
        <translation>命名空间(&amp;N)</translation>
    </message>
    <message>
        <source>Open snapshot</source>
        <translation>打开快照</translation>
    </message>
    <message>
        <source>Snapshots (*.json);;All files (*)</source>
        <translation>快照 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open snapshot</source>
        <translation>无法打开快照</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source> — offline snapshot (%1)</source>
        <translation> —— 离线快照（%1）</translation>
    </message>
    <message>
        <source>Copy cell</source>
        <translation>复制单元格</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>复制行</translation>
    </message>
    <message>
        <source>Copy column “%1”</source>
        <translation>复制“%1”列</translation>
    </message>
    <message>
        <source>About nsexplorer</source>
        <translation>关于 nsexplorer</translation>
    </message>
    <message>
        <source>&lt;h3&gt;nsexplorer %1&lt;/h3&gt;&lt;p&gt;Makes Linux namespaces visible and usable: what isolates what on this machine, live.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;nsexplorer %1&lt;/h3&gt;&lt;p&gt;让 Linux 命名空间看得见、用得上：实时显示这台机器上什么隔离了什么。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>网络图</translation>
    </message>
    <message>
        <source>The network namespaces wired by their interfaces, and the nesting of user and PID namespaces</source>
        <translation>由网络接口连接起来的网络命名空间，以及用户和 PID 命名空间的嵌套</translation>
    </message>
    <message>
        <source>Co&amp;ntainers</source>
        <translation>容器(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Map</source>
        <translation>网络图(&amp;M)</translation>
    </message>
    <message>
        <source>No container, sandbox, app or service is named in this snapshot.</source>
        <translation>这个快照中没有带名称的容器、沙箱、应用或服务。</translation>
    </message>
</context>
<context>
    <name>nsx::gui::MapView</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Nesting</source>
        <translation>嵌套</translation>
    </message>
    <message>
        <source>Network: namespaces as cards wired by their interfaces. Nesting: user namespaces holding what they own, PID namespaces holding their processes</source>
        <translation>网络：命名空间显示为卡片，由其网络接口连接。嵌套：用户命名空间包含其所拥有的命名空间，PID 命名空间包含其进程</translation>
    </message>
    <message>
        <source>&amp;Loopback</source>
        <translation>回环(&amp;L)</translation>
    </message>
    <message>
        <source>Show loopback interfaces as ports</source>
        <translation>将回环网络接口显示为端口</translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>放大（+，Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Zoom out (-, Ctrl+wheel)</source>
        <translation>缩小（-，Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Fit the picture in the view (F, Ctrl+0)</source>
        <translation>使图适应视图大小（F，Ctrl+0）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the picture as SVG or PNG</source>
        <translation>将图保存为 SVG 或 PNG</translation>
    </message>
    <message>
        <source>Layout failed: %1</source>
        <translation>布局失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n network namespace(s)</source>
        <translation>
            <numerusform>%n 个网络命名空间</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n wire(s)</source>
        <translation>
            <numerusform>%n 条连线</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user namespace(s)</source>
        <translation>
            <numerusform>%n 个用户命名空间</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n PID namespace(s)</source>
        <translation>
            <numerusform>%n 个 PID 命名空间</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>还没有可导出的内容</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>nsexplorer map</source>
        <translation>nsexplorer 网络图</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Export map</source>
        <translation>导出网络图</translation>
    </message>
    <message>
        <source>SVG picture (*.svg);;PNG image (*.png)</source>
        <translation>SVG 图片 (*.svg);;PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>nsx::gui::NsTreeView</name>
    <message>
        <source>Held by</source>
        <translation>持有者</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>首进程</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>PID inside</source>
        <translation>内部 PID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Tree order (unsorted)</source>
        <translation>树的顺序（不排序）</translation>
    </message>
    <message>
        <source>Reset columns</source>
        <translation>重置列</translation>
    </message>
</context>
<context>
    <name>nsx::gui::ProcessActions</name>
    <message>
        <source>Terminate (SIGTERM)</source>
        <translation>终止（SIGTERM）</translation>
    </message>
    <message>
        <source>Kill (SIGKILL)</source>
        <translation>强制结束（SIGKILL）</translation>
    </message>
    <message>
        <source>&amp;New isolated shell…</source>
        <translation>新建隔离 Shell(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Launch isolated shell…</source>
        <translation>启动隔离 Shell(&amp;L)…</translation>
    </message>
    <message>
        <source>A new isolated shell, with a new namespace of the selected namespace&apos;s type</source>
        <translation>新建一个隔离 Shell，带有一个与所选命名空间同类型的新命名空间</translation>
    </message>
    <message>
        <source>&amp;Enter namespaces…</source>
        <translation>进入命名空间(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Stop container…</source>
        <translation>停止容器(&amp;S)…</translation>
    </message>
    <message>
        <source>Send signal</source>
        <translation>发送信号</translation>
    </message>
    <message>
        <source>Stop (SIGSTOP)</source>
        <translation>暂停（SIGSTOP）</translation>
    </message>
    <message>
        <source>Continue (SIGCONT)</source>
        <translation>继续（SIGCONT）</translation>
    </message>
    <message>
        <source>Select a running process to send it a signal</source>
        <translation>选择一个运行中的进程来向它发送信号</translation>
    </message>
    <message>
        <source>Process %1 belongs to another user: not ours to signal</source>
        <translation>进程 %1 属于另一个用户：不归我们发送信号</translation>
    </message>
    <message>
        <source>Send %1</source>
        <translation>发送 %1</translation>
    </message>
    <message>
        <source>Send %1 to process %2 (%3)?</source>
        <translation>向进程 %2（%3）发送 %1？</translation>
    </message>
    <message>
        <source>Process gone</source>
        <translation>进程已不存在</translation>
    </message>
    <message>
        <source>Process %1 (%2) has exited; nothing was sent.</source>
        <translation>进程 %1（%2）已退出；没有发送任何信号。</translation>
    </message>
    <message>
        <source>Cannot send %1</source>
        <translation>无法发送 %1</translation>
    </message>
    <message>
        <source>Process %1: %2</source>
        <translation>进程 %1：%2</translation>
    </message>
    <message>
        <source>Sent %1 to %2 (%3)</source>
        <translation>已向 %2（%3）发送 %1</translation>
    </message>
    <message>
        <source>Select a process or a container to enter its namespaces</source>
        <translation>选择一个进程或容器以进入其命名空间</translation>
    </message>
    <message>
        <source>It has ended: nothing to enter</source>
        <translation>它已结束：没有可进入的对象</translation>
    </message>
    <message>
        <source>Container %1 has no running process whose namespaces to enter</source>
        <translation>容器 %1 没有运行中的进程，无法进入其命名空间</translation>
    </message>
    <message>
        <source>signal %1</source>
        <translation>信号 %1</translation>
    </message>
</context>
<context>
    <name>nsx::gui::RecordDialog</name>
    <message>
        <source>Record snapshots</source>
        <translation>记录快照</translation>
    </message>
    <message>
        <source>&amp;Record a snapshot at regular intervals</source>
        <translation>定时记录快照(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source> files</source>
        <translation> 个文件</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Every:</source>
        <translation>间隔(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Keep at most:</source>
        <translation>最多保留(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Compare recordings…</source>
        <translation>比较记录(&amp;C)…</translation>
    </message>
    <message>
        <source>Record into</source>
        <translation>记录到</translation>
    </message>
    <message>
        <source>1 snapshot recorded in this folder.</source>
        <translation>此文件夹中记录了 1 个快照。</translation>
    </message>
    <message>
        <source>%1 snapshots recorded in this folder.</source>
        <translation>此文件夹中记录了 %1 个快照。</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>上一个错误：%1</translation>
    </message>
</context>
<context>
    <name>nsx::gui::RunOutput</name>
    <message>
        <source>nsexplorer-helper was not found next to nsexplorer or in the install prefix</source>
        <translation>在 nsexplorer 所在目录和安装前缀中都找不到 nsexplorer-helper</translation>
    </message>
    <message>
        <source>Equivalent command line:</source>
        <translation>等效的命令行：</translation>
    </message>
    <message>
        <source>Open in &amp;terminal</source>
        <translation>在终端中打开(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Run and show output</source>
        <translation>运行并显示输出(&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Output of “Run and show output” appears here</source>
        <translation>“运行并显示输出”的输出显示在这里</translation>
    </message>
    <message>
        <source>Exited with status %1</source>
        <translation>已退出，状态为 %1</translation>
    </message>
    <message>
        <source>Terminated abnormally</source>
        <translation>异常终止</translation>
    </message>
    <message>
        <source>Started in a terminal</source>
        <translation>已在终端中启动</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
</context>
<context>
    <name>nsx::gui::ScanBanner</name>
    <message>
        <source>Back to live</source>
        <translation>回到实时</translation>
    </message>
    <message>
        <source>Leave the snapshot and show the live system again</source>
        <translation>离开快照，重新显示实时系统</translation>
    </message>
    <message numerus="yes">
        <source>Running as uid %1: namespaces of other users&apos; processes can&apos;t be read; %n error(s) in the last scan. Run as root to see everything.</source>
        <translation>
            <numerusform>正以 uid %1 运行：无法读取其他用户进程的命名空间；上次扫描有 %n 个错误。以 root 身份运行才能看到全部。</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline snapshot taken %1, read-only.</source>
        <translation>离线快照，拍摄于 %1，只读。</translation>
    </message>
    <message>
        <source>Offline snapshot %1, taken %2, read-only.</source>
        <translation>离线快照 %1，拍摄于 %2，只读。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) nested deeper than %1 levels are shown side by side at level %1.</source>
        <translation>
            <numerusform>%n 行的嵌套深于 %1 层，并排显示在第 %1 层。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsx::gui::ScanErrorsDialog</name>
    <message>
        <source>Entries that could not be read</source>
        <translation>无法读取的条目</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Every entry of the last scan was read.</source>
        <translation>上次扫描的所有条目都已读取。</translation>
    </message>
    <message numerus="yes">
        <source>The scan of %1 could not read these entries (%n error(s)); what they hold is missing from the views.</source>
        <translation>
            <numerusform>%1 的扫描无法读取这些条目（%n 个错误）；视图中缺少它们包含的内容。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsx::gui::ScanStatus</name>
    <message numerus="yes">
        <source>%n namespace(s)</source>
        <translation>
            <numerusform>%n 个命名空间</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n 个进程</numerusform>
        </translation>
    </message>
    <message>
        <source> (filtered)</source>
        <translation>（已过滤）</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <source>Snapshot taken %1</source>
        <translation>快照拍摄于 %1</translation>
    </message>
    <message>
        <source>Last scan %1 (%2 ms)</source>
        <translation>上次扫描 %1（%2 毫秒）</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s) in the last scan: entries that could not be read. Click for the list.</source>
        <translation>
            <numerusform>上次扫描有 %n 个错误：有无法读取的条目。点击查看列表。</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the counts</comment>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>nsx::gui::TerminalEmulator</name>
    <message>
        <source>
[nsexplorer: exited with status %s; press Enter to close] </source>
        <translation>
[nsexplorer：已退出，状态为 %s；按回车键关闭] </translation>
    </message>
    <message>
        <source>No terminal emulator found: set $TERMINAL or install one of %1</source>
        <translation>找不到终端模拟器：请设置 $TERMINAL 或安装 %1 之一</translation>
    </message>
    <message>
        <source>Cannot start %1</source>
        <translation>无法启动 %1</translation>
    </message>
</context>
<context>
    <name>nsx::gui::TopNamespacesChart</name>
    <message>
        <source>all types</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Sho&amp;w the</source>
        <translation>显示(&amp;W)</translation>
    </message>
    <message>
        <source>largest namespaces of t&amp;ype</source>
        <translation>个最大的命名空间，类型(&amp;Y)</translation>
    </message>
    <message>
        <source>Leave out the host&apos;s namespace&amp;s</source>
        <translation>不含宿主机的命名空间(&amp;S)</translation>
    </message>
    <message>
        <source>Hide the namespaces PID 1 is in, so containers and sandboxes stand out</source>
        <translation>隐藏 PID 1 所在的命名空间，以便突出容器和沙箱</translation>
    </message>
    <message>
        <source>Processes per namespace</source>
        <translation>各命名空间的进程数</translation>
    </message>
    <message>
        <source>%1:[%2] — %3 processes
Click to select it in the tree</source>
        <translation>%1:[%2] —— %3 个进程
点击可在树中选中它</translation>
    </message>
    <message>
        <source>Up and Down move between bars; Enter selects the namespace in the tree</source>
        <translation>上下方向键在柱之间移动；回车键在树中选中该命名空间</translation>
    </message>
    <message>
        <source>Processes per namespace (no data)</source>
        <translation>各命名空间的进程数（无数据）</translation>
    </message>
    <message>
        <source>Processes per namespace (largest %1; a taller panel shows %2)</source>
        <translation>各命名空间的进程数（最大的 %1 个；面板更高时显示 %2 个）</translation>
    </message>
    <message>
        <source>Processes per namespace (largest %1)</source>
        <translation>各命名空间的进程数（最大的 %1 个）</translation>
    </message>
</context>
<context>
    <name>nsx::gui::TypesChart</name>
    <message>
        <source>Namespaces per type</source>
        <translation>各类型的命名空间数</translation>
    </message>
    <message>
        <source>namespaces</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Namespaces per type (%1 in all)</source>
        <translation>各类型的命名空间数（共 %1 个）</translation>
    </message>
    <message>
        <source>Namespaces per type (no snapshot yet)</source>
        <translation>各类型的命名空间数（还没有快照）</translation>
    </message>
</context>
<context>
    <name>nsx::model::HierarchyModel</name>
    <message>
        <source>User namespaces and what they own</source>
        <translation>用户命名空间及其拥有的命名空间</translation>
    </message>
    <message>
        <source>PID namespace nesting</source>
        <translation>PID 命名空间的嵌套</translation>
    </message>
</context>
<context>
    <name>nsx::model::NamespaceFilterProxy</name>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1（%2/%3）</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n %2 namespace(s) match the filter</source>
        <translation>
            <numerusform>%n 个 %2 命名空间中有 %1 个符合过滤条件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nsx::model::Recorder</name>
    <message>
        <source>Recording: no folder chosen</source>
        <translation>记录：没有选择文件夹</translation>
    </message>
    <message>
        <source>Recording: %1 is not a folder</source>
        <translation>记录：%1 不是文件夹</translation>
    </message>
    <message>
        <source>Recording: cannot create folder %1</source>
        <translation>记录：无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>Recording: cannot serialise the snapshot: %1</source>
        <translation>记录：无法序列化快照：%1</translation>
    </message>
    <message>
        <source>Recording: cannot write %1: %2</source>
        <translation>记录：无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Recording: cannot delete old snapshot %1</source>
        <translation>记录：无法删除旧快照 %1</translation>
    </message>
</context>
<context>
    <name>nsx::model::SnapshotTreeModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Inode</source>
        <translation>inode</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>持有者</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>首进程</translation>
    </message>
    <message>
        <source>Hostname</source>
        <translation>主机名</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>PID inside</source>
        <translation>内部 PID</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The process&apos;s %1 namespace, shown where it differs from its parent&apos;s</source>
        <translation>该进程的 %1 命名空间，仅在与父进程的不同时显示</translation>
    </message>
    <message>
        <source>The process&apos;s PID inside its own PID namespace (last NSpid)</source>
        <translation>该进程在它自己的 PID 命名空间内的 PID（NSpid 的最后一项）</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n 个进程</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s)</source>
        <translation>
            <numerusform>%n 个线程</numerusform>
        </translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>另外 %1 个</translation>
    </message>
    <message>
        <source>bind mount %1</source>
        <translation>绑定挂载 %1</translation>
    </message>
    <message>
        <source>fd %1 of pid %2</source>
        <translation>pid %2 的 fd %1</translation>
    </message>
    <message>
        <source>other namespaces only</source>
        <translation>仅其他命名空间</translation>
    </message>
    <message>
        <source>host</source>
        <translation>宿主机</translation>
    </message>
    <message numerus="yes">
        <source>%n %1 namespace(s)</source>
        <translation>
            <numerusform>%n 个 %1 命名空间</numerusform>
        </translation>
    </message>
    <message>
        <source>The initial %1 namespace (the host&apos;s: PID 1&apos;s, or kthreadd&apos;s when PID 1 cannot be read)</source>
        <translation>初始 %1 命名空间（宿主机的：PID 1 的，PID 1 不可读时为 kthreadd 的）</translation>
    </message>
    <message>
        <source>Started by pid %1 (%2)</source>
        <translation>由 pid %1（%2）启动</translation>
    </message>
    <message>
        <source>not readable</source>
        <translation>不可读</translation>
    </message>
    <message>
        <source>%1
The parent&apos;s</source>
        <translation>%1
与父进程的相同</translation>
    </message>
    <message>
        <source>%1
Differs from its parent&apos;s</source>
        <translation>%1
与父进程的不同</translation>
    </message>
    <message>
        <source>uid %1</source>
        <translation>uid %1</translation>
    </message>
    <message>
        <source>The container, sandbox, app or service it belongs to (engine: name); else what started the namespace</source>
        <translation>它所属的容器、沙箱、应用或服务（引擎: 名称）；否则为启动该命名空间的程序</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>Pod namespace</source>
        <translation>Pod 命名空间</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>App id</source>
        <translation>应用 ID</translation>
    </message>
    <message>
        <source>Init pid: %1</source>
        <translation>init pid：%1</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Containers, sandboxes, apps and services of %1</source>
        <translation>%1 的容器、沙箱、应用和服务</translation>
    </message>
    <message>
        <source>Pod %1 in namespace %2</source>
        <translation>命名空间 %2 中的 Pod %1</translation>
    </message>
    <message>
        <source>Pod %1</source>
        <translation>Pod %1</translation>
    </message>
    <message>
        <source>Named by user %1 (uid %2): a name that user chose</source>
        <translation>由用户 %1（uid %2）命名：这个名字是该用户取的</translation>
    </message>
</context>
</TS>
