using Orchestrator.Native.Loop;
using Orchestrator.TestKit.Privileges;

namespace Orchestrator.Native.Tests.Loop;

public sealed class LoopDeviceAdoptTests
{
    [RootFact]
    public void Adopt_AttachedElsewhere_HoldsTheDeviceAfterTheOriginalHandleCloses()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var image = Path.Combine(scratch, "adopt.img");
            File.WriteAllBytes(image, new byte[1 << 20]);
            var original = LoopDevice.Attach(image, readOnly: false);
            LoopDevice? adopted = null;
            try
            {
                adopted = LoopDevice.Adopt(image);

                Assert.NotNull(adopted);
                Assert.Equal(original.Number, adopted.Number);
                original.Dispose();

                // Autoclear fires at the last close: the adopted handle keeps it attached.
                Assert.Single(LoopDevices.FindByBackingFile(image));
            }
            finally
            {
                adopted?.Detach();
                original.Detach();
            }

            Assert.Empty(LoopDevices.FindByBackingFile(image));
        });
    }

    [RootFact]
    public void Adopt_NothingAttached_ReturnsNull()
    {
        PrivateMountNamespace.RunInScratchTmpfs(scratch =>
        {
            var image = Path.Combine(scratch, "never.img");
            File.WriteAllBytes(image, new byte[4096]);

            Assert.Null(LoopDevice.Adopt(image));
        });
    }
}
