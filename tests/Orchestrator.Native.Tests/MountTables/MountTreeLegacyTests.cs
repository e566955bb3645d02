using Orchestrator.Native.HostPaths;
using Orchestrator.Native.Interop;
using Orchestrator.Native.MountTables;
using Orchestrator.Native.Paths;
using Orchestrator.Native.Tests.Mounting;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Native.Tests.MountTables;

/// <summary>On a kernel without listmount and statmount (before 6.8) callers get no answer and fall back to mountinfo.</summary>
[Collection(LegacyMountApiCollection.Name)]
public sealed class MountTreeLegacyTests
{
    [RootFact]
    public void MountTree_KernelWithoutListmount_NoAnswerAndTheClassifierReadsMountinfo()
    {
        MountApi.ForceLegacy = true;
        try
        {
            PrivateMountNamespace.RunInScratchTmpfs(scratch =>
            {
                var listed = MountTree.MountPointsAtOrBelow(scratch);
                var asked = MountTree.TryFileSystemTypeAt(scratch, out _);
                var classified = HostPathClassifier.FileSystemTypeOf(scratch, FileStat.Stat(scratch));

                Assert.Null(listed);
                Assert.False(asked);
                Assert.Equal("tmpfs", classified);
            });
        }
        finally
        {
            MountApi.ForceLegacy = false;
        }
    }
}
