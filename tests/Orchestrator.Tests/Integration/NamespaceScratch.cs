using Orchestrator.Actors.Native;
using Akka.Actor;
using Orchestrator.Native.MountTables;

namespace Orchestrator.Tests.Integration;

/// <summary>
/// A scratch tmpfs mounted inside the native actor's namespace, with paths the test can reach
/// from outside it through <c>&lt;TaskProcPath&gt;/root</c>. Disposing detaches the tmpfs (and
/// whatever a failed test left below it) and removes the directory.
/// </summary>
internal sealed class NamespaceScratch : IAsyncDisposable
{
    private readonly IActorRef _native;

    private NamespaceScratch(IActorRef native, NativeInfo info, string path)
    {
        _native = native;
        Info = info;
        Path = path;
    }

    public NativeInfo Info { get; }

    /// <summary>The scratch directory as the native actor sees it.</summary>
    public string Path { get; }

    public static async Task<NamespaceScratch> CreateAsync(IActorRef native, string prefix, long sizeBytes = 256L * 1024 * 1024)
    {
        var info = await native.Ask<NativeInfo>(new GetNativeInfo());
        var path = Directory.CreateTempSubdirectory(prefix).FullName;
        await native.Ask<TmpfsMounted>(new MountTmpfs(path, sizeBytes));
        return new NamespaceScratch(native, info, path);
    }

    /// <summary>Where <paramref name="path"/> (as the native actor sees it) is reachable from the test's thread.</summary>
    public string InNamespace(string path) => Info.TaskProcPath + "/root" + path;

    /// <summary>Creates a directory (with <paramref name="files"/> one-line files in it) as the native actor sees it; returns its path.</summary>
    public string Dir(string relative, int files = 0)
    {
        var path = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(InNamespace(path));
        for (var i = 0; i < files; i++)
        {
            File.WriteAllText(InNamespace(System.IO.Path.Combine(path, $"file{i}")), "x\n");
        }

        return path;
    }

    /// <summary>Creates a sparse image file of <paramref name="sizeBytes"/>; returns its path.</summary>
    public string Image(string relative, long sizeBytes = 1024 * 1024)
    {
        var path = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(InNamespace(System.IO.Path.GetDirectoryName(path)!));
        using var file = File.Create(InNamespace(path));
        file.SetLength(sizeBytes);
        return path;
    }

    /// <summary>The native thread's mount table, read from outside it.</summary>
    public MountTable MountTable() => new(MountInfo.Parse(File.ReadAllText(Info.TaskProcPath + "/mountinfo")));

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Long enough for a native actor still working through a failed test's backlog.
            await _native.Ask<UnmountDone>(new Unmount(System.IO.Path.GetDirectoryName(Path)!, Path, Detach: true), TimeSpan.FromMinutes(2));
        }
        finally
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
