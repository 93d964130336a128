using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;

namespace Hft.Core.Strategies;

/// <summary>
/// A runnable strategy type (one marked with <see cref="StrategyAttribute"/>): its name, description and
/// parameters, and how to make instances. Everything reflective happens here, once: <see cref="Create"/>
/// inspects the type, <see cref="Bind"/> turns parameters into the settings object and returns a plain
/// factory. Running strategies are called through <see cref="Strategy"/>'s virtual methods, never by reflection.
/// </summary>
/// <remarks>
/// Conventions (checked by <see cref="Create"/>): the type is public, non-abstract and derives from
/// <see cref="Strategy"/>; it has a public constructor taking one settings object (a class, normally a sealed
/// record with defaults) or a public parameterless one. The settings type's parameters are the parameters of its
/// public constructor with the most parameters plus its public settable properties not set by that
/// constructor; see <see cref="StrategyParameterAttribute"/> for names and types. A settings type may implement
/// <see cref="IStrategySettings"/> to check ranges.
/// </remarks>
public sealed class StrategyDescriptor
{
    private readonly ConstructorInvoker _construct;
    private readonly SettingsShape? _settings;

    private StrategyDescriptor(string name, string description, Type strategyType, ConstructorInfo constructor, SettingsShape? settings)
    {
        Name = name;
        Description = description;
        StrategyType = strategyType;
        _construct = ConstructorInvoker.Create(constructor);
        _settings = settings;
        Parameters = settings?.Describe() ?? [];
    }

    /// <summary>The name users give as <c>kind</c> or <c>--strategy</c>.</summary>
    public string Name { get; }

    /// <summary>One line on what the strategy does.</summary>
    public string Description { get; }

    /// <summary>The strategy's type.</summary>
    public Type StrategyType { get; }

    /// <summary>The settings type its constructor takes, or null when it takes none.</summary>
    public Type? SettingsType => _settings?.Type;

    /// <summary>The parameters, in declaration order.</summary>
    public IReadOnlyList<StrategyParameterDescription> Parameters { get; }

    /// <summary>True when every parameter has a default (so the strategy can be made without any).</summary>
    public bool HasDefaults => Parameters.All(p => !p.Required);

    /// <summary>The descriptor of <typeparamref name="T"/>.</summary>
    public static StrategyDescriptor Of<T>() where T : Strategy => Create(typeof(T));

    /// <summary>Inspects a strategy type; throws <see cref="StrategyDefinitionException"/> saying what breaks the conventions.</summary>
    public static StrategyDescriptor Create(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var attribute = type.GetCustomAttribute<StrategyAttribute>(inherit: false)
            ?? throw new StrategyDefinitionException($"{type.FullName} has no [Strategy(\"name\")] attribute");
        string name = attribute.Name;
        if (!IsValidName(name))
            throw new StrategyDefinitionException($"{type.FullName}: strategy name '{name}' is not valid: it must be non-empty, without spaces, '/' or control characters");
        if (!typeof(Strategy).IsAssignableFrom(type))
            throw new StrategyDefinitionException($"{type.FullName}: [Strategy(\"{name}\")] is on a type that does not derive from {typeof(Strategy).FullName}");
        if (type.IsAbstract || type.ContainsGenericParameters)
            throw new StrategyDefinitionException($"{type.FullName}: [Strategy(\"{name}\")] is on an abstract or generic type; it must be a concrete class");
        if (!type.IsVisible)
            throw new StrategyDefinitionException($"{type.FullName}: [Strategy(\"{name}\")] is on a type that is not public");

        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        var withSettings = constructors.Where(c => c.GetParameters() is [var p] && IsSettingsType(p.ParameterType)).ToList();
        if (withSettings.Count > 1)
            throw new StrategyDefinitionException($"{type.FullName}: more than one public constructor takes a settings object; keep one");
        if (withSettings.Count == 1)
        {
            var constructor = withSettings[0];
            var shape = SettingsShape.Create(constructor.GetParameters()[0].ParameterType);
            return new StrategyDescriptor(name, attribute.Description, type, constructor, shape);
        }
        var parameterless = constructors.FirstOrDefault(c => c.GetParameters().Length == 0)
            ?? throw new StrategyDefinitionException($"{type.FullName}: needs a public constructor taking its settings (one parameter, a class such as a record) or a public parameterless one");
        return new StrategyDescriptor(name, attribute.Description, type, parameterless, null);
    }

    /// <summary>
    /// Binds <paramref name="parameters"/> to the settings (unknown keys, malformed values, missing required
    /// ones and <see cref="IStrategySettings.Validate"/> failures throw <see cref="StrategyParameterException"/>)
    /// and returns a factory that makes a fresh strategy with them: at start and after every restart.
    /// </summary>
    public Func<Strategy> Bind(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var invoker = _construct;
        if (_settings is null)
        {
            parameters.EnsureAllUsed(Name);
            return () => Construct(invoker, null, hasArgument: false);
        }
        object settings = _settings.Bind(parameters, Name);
        return () => Construct(invoker, settings, hasArgument: true);
    }

    /// <summary>The settings object <see cref="Bind"/> would give the strategy, or null for a strategy without settings.</summary>
    public object? BindSettings(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (_settings is not null) return _settings.Bind(parameters, Name);
        parameters.EnsureAllUsed(Name);
        return null;
    }

    private static Strategy Construct(ConstructorInvoker invoker, object? settings, bool hasArgument)
    {
        try
        {
            return (Strategy)(hasArgument ? invoker.Invoke(settings) : invoker.Invoke());
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    /// <summary>True for a usable strategy name: non-empty, without whitespace, '/' or control characters.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '/');

    /// <summary>A member name in snake_case: <c>RelativeHalfSpread</c> → <c>relative_half_spread</c>, <c>MaxPositionUSD</c> → <c>max_position_usd</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool afterLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool endOfAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if ((afterLowerOrDigit || endOfAcronym) && sb.Length > 0 && sb[^1] != '_') sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static bool IsSettingsType(Type t) =>
        t.IsClass && t != typeof(string) && !t.IsArray && !t.IsAbstract && !typeof(Delegate).IsAssignableFrom(t);

    /// <summary>The bindable shape of a settings type, computed once.</summary>
    private sealed class SettingsShape
    {
        private readonly ConstructorInvoker _construct;
        private readonly Slot[] _constructorSlots;
        private readonly Slot[] _propertySlots;

        private SettingsShape(Type type, ConstructorInfo constructor, Slot[] constructorSlots, Slot[] propertySlots)
        {
            Type = type;
            _construct = ConstructorInvoker.Create(constructor);
            _constructorSlots = constructorSlots;
            _propertySlots = propertySlots;
        }

        public Type Type { get; }

        public static SettingsShape Create(Type type)
        {
            var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
            if (constructors.Length == 0)
                throw new StrategyDefinitionException($"settings type {type.FullName} has no public constructor");
            int most = constructors.Max(c => c.GetParameters().Length);
            var widest = constructors.Where(c => c.GetParameters().Length == most).ToList();
            if (widest.Count > 1)
                throw new StrategyDefinitionException($"settings type {type.FullName} has {widest.Count} public constructors with {most} parameters; the binder cannot choose");
            var constructor = widest[0];

            var constructorSlots = new List<Slot>();
            foreach (var p in constructor.GetParameters())
            {
                var property = type.GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                var attribute = p.GetCustomAttribute<StrategyParameterAttribute>() ?? property?.GetCustomAttribute<StrategyParameterAttribute>();
                if (!IsSupported(p.ParameterType))
                    throw new StrategyDefinitionException($"settings type {type.FullName}: parameter '{p.Name}' is a {p.ParameterType.Name}, which cannot be given as text (supported: double, float, int, long, bool, string, enums)");
                object? defaultValue = p.HasDefaultValue ? Normalize(p.ParameterType, p.DefaultValue) : null;
                constructorSlots.Add(new Slot(attribute?.Name ?? ToSnakeCase(p.Name!), p.ParameterType, defaultValue, !p.HasDefaultValue,
                    attribute?.Description ?? "", attribute?.DefaultText, null));
            }

            var covered = new HashSet<string>(constructor.GetParameters().Select(p => p.Name!), StringComparer.OrdinalIgnoreCase);
            var propertySlots = new List<Slot>();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (covered.Contains(property.Name) || property.GetIndexParameters().Length > 0) continue;
                if (property.SetMethod is not { IsPublic: true }) continue;
                var attribute = property.GetCustomAttribute<StrategyParameterAttribute>();
                if (!IsSupported(property.PropertyType))
                {
                    if (attribute is null) continue;
                    throw new StrategyDefinitionException($"settings type {type.FullName}: property '{property.Name}' is a {property.PropertyType.Name}, which cannot be given as text (supported: double, float, int, long, bool, string, enums)");
                }
                propertySlots.Add(new Slot(attribute?.Name ?? ToSnakeCase(property.Name), property.PropertyType, null, false,
                    attribute?.Description ?? "", attribute?.DefaultText, property));
            }

            var all = constructorSlots.Concat(propertySlots).ToList();
            foreach (var group in all.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
                throw new StrategyDefinitionException($"settings type {type.FullName}: two members are both named parameter '{group.Key}'");
            foreach (var slot in all.Where(s => !IsValidParameterName(s.Name)))
                throw new StrategyDefinitionException($"settings type {type.FullName}: '{slot.Name}' is not a valid parameter name (letters, digits, '_', '-' or '.')");

            var shape = new SettingsShape(type, constructor, constructorSlots.ToArray(), propertySlots.ToArray());
            if (propertySlots.Count > 0 && constructorSlots.All(s => !s.Required))
            {
                // Property defaults are whatever a default instance holds.
                object instance;
                try
                {
                    instance = shape.Construct(constructorSlots.Select(s => s.Default).ToArray());
                }
                catch (Exception e)
                {
                    throw new StrategyDefinitionException($"settings type {type.FullName}: making it with its defaults threw {e.GetType().Name}: {e.Message}");
                }
                for (int i = 0; i < shape._propertySlots.Length; i++)
                {
                    var slot = shape._propertySlots[i];
                    shape._propertySlots[i] = slot with { Default = slot.Property!.GetValue(instance) };
                }
            }
            return shape;
        }

        public IReadOnlyList<StrategyParameterDescription> Describe() =>
            _constructorSlots.Concat(_propertySlots)
                .Select(s => new StrategyParameterDescription(s.Name, TypeName(s.Type), s.Required ? "(required)" : s.DefaultText ?? FormatValue(s.Default),
                    s.Description, s.Required))
                .ToList();

        public object Bind(StrategyParameters parameters, string strategyName)
        {
            var args = new object?[_constructorSlots.Length];
            var missing = new List<string>();
            for (int i = 0; i < _constructorSlots.Length; i++)
            {
                var slot = _constructorSlots[i];
                var text = parameters.GetText(slot.Name);
                if (text is not null) args[i] = Parse(slot, text);
                else if (slot.Required) missing.Add(slot.Name);
                else args[i] = slot.Default;
            }
            var given = new List<(Slot Slot, object? Value)>();
            foreach (var slot in _propertySlots)
            {
                var text = parameters.GetText(slot.Name);
                if (text is not null) given.Add((slot, Parse(slot, text)));
            }
            parameters.EnsureAllUsed(strategyName);
            if (missing.Count > 0)
                throw new StrategyParameterException(missing[0], $"strategy '{strategyName}' needs parameter{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"'{m}'"))}");
            object settings = Construct(args);
            foreach (var (slot, value) in given)
            {
                try
                {
                    slot.Property!.SetValue(settings, value);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    ExceptionDispatchInfo.Throw(e.InnerException);
                }
            }
            if (settings is IStrategySettings validated) validated.Validate();
            return settings;
        }

        private object Construct(object?[] args)
        {
            try
            {
                return _construct.Invoke(args.AsSpan());
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }

        private static object? Parse(Slot slot, string text)
        {
            var t = slot.Type;
            string key = slot.Name;
            if (t == typeof(double) || t == typeof(float))
            {
                if (!StrategyParameters.TryParseNumber(text, out var d))
                    throw new StrategyParameterException(key, $"parameter '{key}': expected a number, got '{text}'");
                return t == typeof(float) ? (object)(float)d : d;
            }
            if (t == typeof(int))
            {
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
                throw new StrategyParameterException(key, $"parameter '{key}': expected an integer, got '{text}'");
            }
            if (t == typeof(long))
            {
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return l;
                throw new StrategyParameterException(key, $"parameter '{key}': expected an integer, got '{text}'");
            }
            if (t == typeof(bool))
            {
                if (bool.TryParse(text, out var b)) return b;
                throw new StrategyParameterException(key, $"parameter '{key}': expected true or false, got '{text}'");
            }
            if (t == typeof(string)) return text;
            // An enum: its member names in snake_case, or as declared (any case).
            foreach (var member in Enum.GetNames(t))
            {
                if (string.Equals(ToSnakeCase(member), text, StringComparison.Ordinal) || string.Equals(member, text, StringComparison.OrdinalIgnoreCase))
                    return Enum.Parse(t, member);
            }
            throw new StrategyParameterException(key, $"parameter '{key}': expected one of {string.Join(", ", Enum.GetNames(t).Select(ToSnakeCase))}, got '{text}'");
        }

        private static bool IsSupported(Type t) =>
            t == typeof(double) || t == typeof(float) || t == typeof(int) || t == typeof(long) || t == typeof(bool) || t == typeof(string) || t.IsEnum;

        private static bool IsValidParameterName(string name) =>
            name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

        private static object? Normalize(Type t, object? value) =>
            t.IsEnum && value is not null && value.GetType() != t ? Enum.ToObject(t, value) : value;

        private static string TypeName(Type t) =>
            t == typeof(double) || t == typeof(float) ? "number"
            : t == typeof(int) || t == typeof(long) ? "integer"
            : t == typeof(bool) ? "boolean"
            : t == typeof(string) ? "string"
            : string.Join("|", Enum.GetNames(t).Select(ToSnakeCase));

        private static string FormatValue(object? value) => value switch
        {
            null => "",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            Enum e => ToSnakeCase(e.ToString()),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    private sealed record Slot(string Name, Type Type, object? Default, bool Required, string Description, string? DefaultText, PropertyInfo? Property);
}
