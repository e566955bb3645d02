using Orchestrator.Native.Mounting;

namespace Orchestrator.Native.Tests.Mounting;

public sealed class PropagationNamesTests
{
    [Theory]
    [InlineData("private", Propagation.Private, MountFlags.Private)]
    [InlineData("shared", Propagation.Shared, MountFlags.Shared)]
    [InlineData("slave", Propagation.Slave, MountFlags.Slave)]
    [InlineData("unbindable", Propagation.Unbindable, MountFlags.Unbindable)]
    [InlineData("rprivate", Propagation.RecursivePrivate, MountFlags.Private | MountFlags.Recursive)]
    [InlineData("rshared", Propagation.RecursiveShared, MountFlags.Shared | MountFlags.Recursive)]
    [InlineData("rslave", Propagation.RecursiveSlave, MountFlags.Slave | MountFlags.Recursive)]
    [InlineData("runbindable", Propagation.RecursiveUnbindable, MountFlags.Unbindable | MountFlags.Recursive)]
    [InlineData("", Propagation.Unchanged, MountFlags.None)]
    [InlineData(null, Propagation.Unchanged, MountFlags.None)]
    public void Parse_KnownName_ReturnsPropagationAndFlags(string? name, Propagation expected, MountFlags flags)
    {
        var propagation = PropagationNames.Parse(name);

        Assert.Equal(expected, propagation);
        Assert.Equal(flags, PropagationNames.ToFlags(propagation));
    }

    [Theory]
    [InlineData("Shared")]
    [InlineData("rshared ")]
    [InlineData("master")]
    [InlineData("bidirectional")]
    public void Parse_UnknownName_ThrowsListingTheKnownNames(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => PropagationNames.Parse(name));

        Assert.Contains("rslave", error.Message, StringComparison.Ordinal);
        Assert.False(PropagationNames.TryParse(name, out _));
    }
}
