using Orchestrator.Actors.Validation;

namespace Orchestrator.Tests.Validation;

public sealed class IdsTests
{
    [Theory]
    [InlineData("abc\n")]
    [InlineData("abc\r\n")]
    [InlineData("\nabc")]
    [InlineData("a\nb")]
    [InlineData("abc ")]
    [InlineData("abc\0")]
    [InlineData("abc\t")]
    [InlineData("ab/c")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("é")]
    public void Problem_ControlOrForeignCharacters_Refused(string id) => Assert.NotNull(Ids.Problem(id));

    [Theory]
    [InlineData("abc")]
    [InlineData("a1_b-c.d")]
    [InlineData("0")]
    public void Problem_PlainIds_Accepted(string id) => Assert.Null(Ids.Problem(id));

    [Fact]
    public void Problem_LongerThanMax_Refused() => Assert.Contains("at most", Ids.Problem(new string('a', Ids.MaxLength + 1)), StringComparison.Ordinal);
}
