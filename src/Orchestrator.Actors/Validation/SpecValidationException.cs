namespace Orchestrator.Actors.Validation;

/// <summary>A request was refused before any change was made; carries every problem found, not just the first.</summary>
public sealed class SpecValidationException : Exception
{
    public SpecValidationException(IReadOnlyList<ValidationProblem> problems)
        : base("invalid request: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    public SpecValidationException(string field, string message)
        : this([new ValidationProblem(field, message)])
    {
    }

    public IReadOnlyList<ValidationProblem> Problems { get; }
}
