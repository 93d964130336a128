namespace Hft.Core.Actors.Dispatch;

/// <summary>
/// Runs actors that block or do I/O (gateway connections, journal writers) on the .NET thread pool.
/// Each actor has its own mailbox and processes one message at a time; system messages go first.
/// </summary>
internal sealed class ThreadPoolDispatcher : Dispatcher
{
    private readonly Func<long> _now;

    public ThreadPoolDispatcher(Func<long> now) => _now = now;

    public override void Post<T>(ActorCell target, T message, IActorRef? sender) =>
        MailboxOf(target).EnqueueUser(message!, sender);

    public override void PostSystem(ActorCell target, SystemMessage message) =>
        MailboxOf(target).EnqueueSystem(message);

    public override bool IsOwnThread => false;

    public override long Now => _now();

    private static ThreadPoolMailbox MailboxOf(ActorCell cell) =>
        cell.Mailbox ?? throw new InvalidOperationException($"{cell.Self.Path} has no thread-pool mailbox.");
}
