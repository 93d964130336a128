namespace Hft.Core.Actors;

/// <summary>
/// An actor that only groups and supervises children (<c>/user/books</c>, <c>/user/strategies</c>...);
/// it handles no messages of its own.
/// </summary>
public sealed class GroupActor : ActorBase
{
}
