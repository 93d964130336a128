using System.Runtime.CompilerServices;

namespace Hft.Core.Actors;

/// <summary>
/// An actor's current set of typed handlers. The exact-type scan compares type handles, which the JIT
/// turns into constants for struct messages, so dispatch costs a few nanoseconds without boxing.
/// </summary>
internal sealed class Behavior
{
    private Type[] _types = new Type[4];
    private Delegate[] _handlers = new Delegate[4];
    private Func<object, bool>[] _boxed = new Func<object, bool>[4];
    private int _count;
    private Action<object>? _any;
    private ulong _byRef; // bit i: handler i is a MessageHandler<T> taking its message by reference

    public void Add<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (_count == _types.Length)
        {
            Array.Resize(ref _types, _count * 2);
            Array.Resize(ref _handlers, _count * 2);
            Array.Resize(ref _boxed, _count * 2);
        }
        _types[_count] = typeof(T);
        _handlers[_count] = handler;
        _boxed[_count] = message =>
        {
            if (message is T typed)
            {
                handler(typed);
                return true;
            }
            return false;
        };
        _count++;
    }

    public void Add<T>(MessageHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add<T>((Action<T>)(m => handler(in m)));
        // Replace the wrapper just added by the by-reference handler; the boxed path keeps the wrapper.
        _handlers[_count - 1] = handler;
        _byRef |= 1UL << Math.Min(_count - 1, 63);
    }

    public void AddAny(Action<object> handler) => _any = handler;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryInvoke<T>(in T message)
    {
        var types = _types;
        for (int i = 0; i < _count; i++)
        {
            if (types[i] == typeof(T))
            {
                if ((_byRef & (1UL << i)) != 0) Unsafe.As<MessageHandler<T>>(_handlers[i])(in message);
                else Unsafe.As<Action<T>>(_handlers[i])(message);
                return true;
            }
        }
        return TryInvokeObject(message!);
    }

    public bool TryInvokeObject(object message)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_boxed[i](message)) return true;
        }
        if (_any is null) return false;
        _any(message);
        return true;
    }
}
