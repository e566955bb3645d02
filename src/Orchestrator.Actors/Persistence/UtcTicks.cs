namespace Orchestrator.Actors.Persistence;

/// <summary>
/// Timestamps are stored as UTC ticks (Akka.Persistence.Sql's <c>created</c> column), so the
/// conversion must treat every <see cref="DateTimeKind"/> the same way in every store.
/// </summary>
internal static class UtcTicks
{
    /// <summary>
    /// Local times are converted; unspecified ones are taken as UTC, since converting them
    /// would shift stored values by the host's offset.
    /// </summary>
    public static long From(DateTime value) =>
        value.Kind == DateTimeKind.Local ? value.ToUniversalTime().Ticks : value.Ticks;

    public static DateTime ToDateTime(long ticks) => new(ticks, DateTimeKind.Utc);

    /// <summary>The stored timestamp of a new row: the given one, or now when it is unset.</summary>
    public static long OrNow(DateTime value) =>
        value == default ? DateTime.UtcNow.Ticks : From(value);
}
