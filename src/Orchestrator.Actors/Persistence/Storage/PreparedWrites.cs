using Orchestrator.Actors.Persistence.Serialization;

namespace Orchestrator.Actors.Persistence.Storage;

/// <summary>
/// The outcome of serializing one <c>WriteMessagesAsync</c> call: what goes to storage and
/// which writes are already rejected. Serialization runs on the caller's thread, before the
/// single writer, so a rejected write never enters a group transaction.
/// </summary>
internal sealed class PreparedWrites
{
    private PreparedWrites(SerializedAtomicWrite?[] writes, Exception?[] results)
    {
        Writes = writes;
        Results = results;
    }

    /// <summary>Per atomic write: its rows, or null when it is rejected.</summary>
    public SerializedAtomicWrite?[] Writes { get; }

    /// <summary>Per atomic write: null, or why it was rejected; the writer adds conflicts.</summary>
    public Exception?[] Results { get; }

    public bool HasAnythingToStore => Writes.Any(w => w is not null);

    public static PreparedWrites Prepare(IReadOnlyList<AtomicWrite> writes, EventSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var prepared = new SerializedAtomicWrite?[writes.Count];
        var results = new Exception?[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                prepared[i] = serializer.SerializeAtomicWrite(writes[i]);
            }
            catch (EventSerializationException ex)
            {
                results[i] = ex;
            }
        }

        return new PreparedWrites(prepared, results);
    }
}
