using System.Diagnostics;
using System.Globalization;

namespace CreatorStream.Testing;

/// <summary>
/// Starts a server process for a test so that it dies with the test process, even when the test host crashes or is
/// killed and no <c>Dispose</c> runs: a server left behind would hold its port and memory until the machine restarts.
/// </summary>
/// <remarks>
/// <para>
/// <b>How.</b> <c>sh</c> forks a watcher, then <c>exec</c>s the program, so the program keeps the pid that
/// <see cref="Process.Start(ProcessStartInfo)"/> returned (a kill, <see cref="Process.HasExited"/> and the exit code are
/// the program's own). Every half second the watcher reads the program's <c>/proc/PID/stat</c>: once its parent is no
/// longer this test process (the kernel re-parents an orphan to init or a subreaper, which a <c>kill -0</c> on the test
/// process's pid could miss if that pid were reused), the watcher SIGKILLs it, within about half a second. The
/// program's start time, read before the <c>exec</c> (it is kept across <c>exec</c>), is checked too, so a pid reused by
/// an unrelated process after the program ended is never killed. The watcher ends when the program is gone, and its
/// standard streams are <c>/dev/null</c>, so it never holds the program's output pipes open.
/// </para>
/// <para>
/// <b>Why not <c>setpriv --pdeathsig KILL</c>.</b> <c>PR_SET_PDEATHSIG</c> fires when the forking <i>thread</i> ends,
/// not the process, and .NET forks on whichever thread calls <c>Process.Start</c>. Measured here (.NET 10): a child
/// started from a <c>new Thread</c> was killed as soon as that thread returned; one started from a thread-pool thread
/// outlived the call, but the pool retires idle threads and the child would go with it, in the middle of a test.
/// </para>
/// </remarks>
public static class OrphanGuard
{
    /// <summary>
    /// The guard, for <c>sh -c</c>: its arguments are the parent's pid, then the program and its arguments. The parent
    /// must be the process that starts the shell. Public so that a test can run it under a stand-in parent and kill that.
    /// </summary>
    // $$ is the shell's pid, also inside ( ) and $( ), and becomes the program's at exec. Fields after "(comm) " in
    // /proc/PID/stat: $1 state, $2 ppid, ..., ${20} start time (field 22 of proc(5)); comm is cut off at its last ") ".
    // The fields are split only inside subshells, whose "set --" leaves the program's arguments alone.
    public const string Script = """
        host=$1
        shift
        started=$(read -r stat < /proc/$$/stat; set -- ${stat##*) }; echo "${20}")
        (
          while sleep 0.5; do
            read -r stat < /proc/$$/stat || exit 0
            set -- ${stat##*) }
            [ "${20}" = "$started" ] || exit 0
            [ "$2" = "$host" ] || { kill -KILL $$; exit 0; }
          done
        ) </dev/null >/dev/null 2>&1 &
        exec "$@"
        """;

    /// <summary>
    /// A start for <paramref name="program"/> with <paramref name="arguments"/> under the guard, standard output and
    /// error redirected. If the program is not installed the process starts and exits at once with code 127 (<c>sh</c>
    /// reports it on standard error), so callers check <see cref="Process.HasExited"/> while they wait for readiness.
    /// </summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add("orphan-guard"); // $0: the name sh gives in its own error messages
        info.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
