namespace Orchestrator.Actors.Persistence.Serialization;

/// <summary>
/// An event or snapshot could not be turned into stored bytes, or stored bytes back into one:
/// a type without a manifest, an unknown manifest, or a payload that does not match its type.
/// </summary>
public sealed class EventSerializationException : Exception
{
    /// <summary>Creates the exception with a message that names the type or manifest.</summary>
    public EventSerializationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
