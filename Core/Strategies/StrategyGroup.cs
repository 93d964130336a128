using Akka.Actor;
using Hft.Core.Orders;
using Hft.Core.Portfolio;
using Hft.Core.Runtime;
using Hft.Core.Time;

namespace Hft.Core.Strategies;

/// <summary>
/// <c>/strategies</c> of a live session: creates one <see cref="StrategyActor"/> per strategy once told
/// <see cref="DeferredActorGroup.CreateChildren"/> (after the venue was reconciled), supervises them, and replaces
/// one on <see cref="ReplaceStrategy"/> while the others, the books and the venue go on. Each strategy's props come
/// from an <see cref="ActorFactory"/> of its own, forgotten when it is replaced, so nothing of the session keeps the
/// old strategy's code (and its plugin's load context) alive.
/// </summary>
public sealed class StrategyGroup : UntypedActor
{
    private readonly IReadOnlyList<string> _names;
    private readonly Func<string, Func<Strategy>> _initial;
    private readonly Func<int, Func<Strategy>, ActorFactory, Props> _props;
    private readonly TradingAccounts _accounts;
    private readonly IActorRef _risk;
    private readonly IClock _clock;
    private readonly SupervisorStrategy _supervision;
    private readonly Dictionary<string, Func<Strategy>> _factories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActorFactory> _propsOf = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, (ReplaceStrategy Request, IActorRef ReplyTo)> _replacing = new();
    private bool _created;

    /// <summary>
    /// A group of the strategies <paramref name="names"/> (in setup order); <paramref name="initial"/> gives each one's
    /// first factory, <paramref name="props"/> the props of the strategy at an index from a factory (made through the
    /// given <see cref="ActorFactory"/>).
    /// </summary>
    public StrategyGroup(IReadOnlyList<string> names, Func<string, Func<Strategy>> initial, Func<int, Func<Strategy>, ActorFactory, Props> props,
        TradingAccounts accounts, IActorRef risk, IClock clock, SupervisorStrategy supervision)
    {
        _clock = clock;
        _names = names;
        _initial = initial;
        _props = props;
        _accounts = accounts;
        _risk = risk;
        _supervision = supervision;
    }

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case DeferredActorGroup.CreateChildren when !_created:
                _created = true;
                CreateAll();
                break;
            case DeferredActorGroup.CreateChildren:
                break;
            case ReplaceStrategy replace:
                Replace(replace);
                break;
            case Terminated t when _replacing.Remove(t.ActorRef, out var pending):
                StartReplacement(t.ActorRef, pending.Request, pending.ReplyTo);
                break;
            case OrderUpdated:
                // An update of an order whose owner was being replaced: the new strategy has the order (or its cancel).
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <inheritdoc />
    protected override void PostRestart(Exception reason)
    {
        base.PostRestart(reason);
        // A restarted group starts its children again, with the factories they last had.
        if (_created) CreateAll();
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => _supervision;

    private void CreateAll()
    {
        for (int i = 0; i < _names.Count; i++) Create(i, _names[i]);
    }

    private void Create(int index, string name)
    {
        if (!_factories.TryGetValue(name, out var factory)) _factories[name] = factory = _initial(name);
        var own = new ActorFactory();
        _propsOf[name] = own;
        Context.ActorOf(_props(index, factory, own), name);
    }

    private void Replace(ReplaceStrategy request)
    {
        int index = IndexOf(request.Name);
        if (index < 0)
        {
            Sender.Tell(new StrategyReplaced(request.Name, 0, 0, $"no strategy named '{request.Name}' runs here (strategies: {string.Join(", ", _names)})"));
            return;
        }
        if (_replacing.Values.Any(p => p.Request.Name == request.Name))
        {
            Sender.Tell(new StrategyReplaced(request.Name, 0, 0, $"strategy '{request.Name}' is already being replaced"));
            return;
        }
        var child = Context.Child(request.Name);
        if (!_created || child.IsNobody())
        {
            // Not started yet (the venue is still being reconciled): it will start with the new factory.
            _factories[request.Name] = request.Factory;
            Sender.Tell(new StrategyReplaced(request.Name, 0, 0));
            return;
        }
        _replacing[child] = (request, Sender);
        Context.Watch(child);
        Context.Stop(child);
    }

    // The old strategy has stopped (its OnStop ran): its orders change hands, then the new one starts and claims them.
    private void StartReplacement(IActorRef old, ReplaceStrategy request, IActorRef replyTo)
    {
        int cancelled = 0, handedOver = 0;
        for (int i = 0; i < _accounts.Count; i++)
        {
            foreach (var order in _accounts[i].Orders.All)
            {
                if (!Equals(order.Owner, old)) continue;
                // Ownerless orders go to the first strategy that starts: the new one, with their later updates.
                order.Owner = null;
                if (!order.IsActive) continue;
                if (request.CancelOpenOrders && order.Request == OrderRequest.None)
                {
                    order.Request = OrderRequest.Canceled;
                    order.LocalTime = _clock.Now;
                    _risk.Tell(new CancelOrder(order), Self);
                    cancelled++;
                }
                else
                {
                    handedOver++;
                }
            }
        }
        if (_propsOf.Remove(request.Name, out var oldProps)) oldProps.Forget();
        _factories[request.Name] = request.Factory;
        Create(IndexOf(request.Name), request.Name);
        replyTo.Tell(new StrategyReplaced(request.Name, cancelled, handedOver));
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < _names.Count; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
