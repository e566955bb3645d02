using System.Runtime.ExceptionServices;
using Orchestrator.Native.Mounting;
using Orchestrator.Native.MountTables;

namespace Orchestrator.TestKit.Privileges;

/// <summary>
/// Runs test code on a dedicated thread inside its own private mount namespace. The thread is
/// created for the call and ends with it, so the namespace (and anything still mounted in it)
/// goes away with the thread and no pool thread ever enters it.
/// </summary>
public static class PrivateMountNamespace
{
    /// <summary>Runs <paramref name="body"/> in a fresh private mount namespace; its exception is rethrown here.</summary>
    public static void Run(Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Run<object?>(() =>
        {
            body();
            return null;
        });
    }

    /// <summary>Runs <paramref name="body"/> in a fresh private mount namespace and returns its result.</summary>
    public static T Run<T>(Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        ExceptionDispatchInfo? failure = null;
        T result = default!;
        var thread = new Thread(() =>
        {
            try
            {
                Mounts.EnterPrivateMountNamespace();
                result = body();
            }
            catch (Exception exception)
            {
                // Carried to the calling thread, which rethrows it with its original stack.
                failure = ExceptionDispatchInfo.Capture(exception);
            }
        })
        {
            IsBackground = true,
            Name = "private-mount-namespace",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a fresh private mount namespace with a scratch directory on
    /// a tmpfs mounted just for it. After the body succeeds, anything it left mounted below the
    /// scratch directory fails the test; the scratch tmpfs and directory are removed either way.
    /// </summary>
    public static void RunInScratchTmpfs(Action<string> body, TmpfsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        Run(() =>
        {
            var scratch = Directory.CreateTempSubdirectory("orchestrator-ns-").FullName;
            try
            {
                Mounts.MountTmpfs(scratch, options ?? new TmpfsOptions(SizeBytes: 64L * 1024 * 1024));
                body(scratch);
                var left = MountInfo.ReadThread().MountsAtOrBelow(scratch).Skip(1).Select(m => m.MountPoint).ToArray();
                if (left.Length > 0)
                {
                    throw new InvalidOperationException("the test left mounts behind: " + string.Join(", ", left));
                }
            }
            finally
            {
                // MNT_DETACH takes the whole subtree, so a failed body cannot keep the scratch busy.
                Mounts.Unmount(scratch, detach: true);
                Directory.Delete(scratch);
            }
        });
    }
}
