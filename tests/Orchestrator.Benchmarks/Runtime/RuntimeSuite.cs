using Akka.Actor;
using Akka.Configuration;

namespace Orchestrator.Benchmarks.Runtime;

/// <summary>
/// Message hand-offs per second through actors, each next to a raw <see cref="System.Threading.Channels.Channel{T}"/>
/// doing the same hand-offs in the same process: the price of mailboxes, scheduling and supervision.
/// </summary>
internal sealed class RuntimeSuite : IBenchmarkSuite
{
    private const int Senders = 8;
    private const int BulkThroughput = 1_000;

    public string Name => "runtime";

    public IReadOnlyList<BenchmarkRow> Run(bool quick)
    {
        var (warmups, repetitions) = quick ? (1, 3) : (2, 7);
        var roundTrips = quick ? 20_000 : 300_000;
        var perSender = quick ? 25_000 : 250_000;

        // One system for all runs: its start and shutdown are not what is measured.
        var system = ActorSystem.Create("benchmark", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var (pingPong, pingPongBaseline) = Measure.MedianRates(
            warmups, repetitions, () => PingPong.Actors(system, roundTrips), () => PingPong.Channels(roundTrips));
        var (manyToOne, manyToOneBaseline) = Measure.MedianRates(
            warmups, repetitions, () => ManyToOne.Actors(system, Senders, perSender), () => ManyToOne.Channels(Senders, perSender));
        system.Terminate().Wait();

        // The same with a larger batch per turn: what the sink's fairness towards its producers costs.
        var bulk = ActorSystem.Create("benchmark-bulk", ConfigurationFactory.ParseString($"akka.loglevel = WARNING\nakka.actor.default-dispatcher.throughput = {BulkThroughput}"));
        var (manyToOneBulk, manyToOneBulkBaseline) = Measure.MedianRates(
            warmups, repetitions, () => ManyToOne.Actors(bulk, Senders, perSender), () => ManyToOne.Channels(Senders, perSender));
        bulk.Terminate().Wait();

        return
        [
            new BenchmarkRow(Name, "ping-pong, 2 actors, 1 message in flight", pingPong, "msg/s", pingPongBaseline, "2 channels + 2 tasks"),
            new BenchmarkRow(Name, $"many-to-one, {Senders} sender actors, 1 actor", manyToOne, "msg/s", manyToOneBaseline, $"1 channel, {Senders} producer tasks + 1 consumer"),
            new BenchmarkRow(Name, $"many-to-one, {Senders} sender actors, 1 actor, throughput {BulkThroughput}", manyToOneBulk, "msg/s", manyToOneBulkBaseline, $"1 channel, {Senders} producer tasks + 1 consumer"),
        ];
    }
}
