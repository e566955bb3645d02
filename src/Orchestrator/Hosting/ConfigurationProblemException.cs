namespace Orchestrator.Hosting;

/// <summary>
/// One configuration value is unusable: <see cref="Key"/> is the full configuration key
/// (<c>Orchestrator:Journal:Provider</c>), <see cref="Problem"/> says what is wrong with it.
/// The message is the line printed before the service refuses to start.
/// </summary>
public sealed class ConfigurationProblemException(string key, string problem) : Exception($"{key}: {problem}")
{
    public string Key { get; } = key;

    public string Problem { get; } = problem;
}
