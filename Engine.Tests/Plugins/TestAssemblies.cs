using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using Hft.Core.Strategies;

namespace Hft.Engine.Tests.Plugins;

/// <summary>
/// Writes small assemblies for the plugin failure tests with <see cref="PersistedAssemblyBuilder"/>: in process, in
/// milliseconds, with exactly the metadata a compiler would give (references, base types, attributes), so each
/// test can make the one broken plugin it needs without running a build.
/// </summary>
internal static class TestAssemblies
{
    /// <summary>What the emitted strategy class does.</summary>
    public sealed record StrategySpec(string AssemblyName, string TypeName, string? StrategyName)
    {
        /// <summary>The class it derives from; default the engine's <see cref="Strategy"/>.</summary>
        public Type BaseType { get; init; } = typeof(Strategy);

        /// <summary>The constructor throws an <see cref="InvalidOperationException"/> with this message.</summary>
        public string? ConstructorThrows { get; init; }

        /// <summary><see cref="Strategy.OnStart"/> throws an <see cref="InvalidOperationException"/> with this message.</summary>
        public string? OnStartThrows { get; init; }

        /// <summary>A public field of this type (so the plugin depends on the type's assembly).</summary>
        public Type? FieldType { get; init; }

        /// <summary>The assembly's version.</summary>
        public Version Version { get; init; } = new(1, 0, 0, 0);
    }

    /// <summary>Writes an assembly with one public class deriving from <see cref="StrategySpec.BaseType"/>.</summary>
    public static void WriteStrategy(string path, StrategySpec spec)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName(spec.AssemblyName) { Version = spec.Version }, typeof(object).Assembly);
        var module = builder.DefineDynamicModule(spec.AssemblyName);
        var type = module.DefineType(spec.TypeName, TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, spec.BaseType);
        if (spec.StrategyName is not null)
            type.SetCustomAttribute(new CustomAttributeBuilder(typeof(StrategyAttribute).GetConstructor([typeof(string)])!, [spec.StrategyName]));
        if (spec.FieldType is not null) type.DefineField("Helper", spec.FieldType, FieldAttributes.Public);

        var ctor = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, Type.EmptyTypes);
        var il = ctor.GetILGenerator();
        if (spec.ConstructorThrows is { } message)
        {
            Throw(il, message);
        }
        else
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, spec.BaseType.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes)!);
            il.Emit(OpCodes.Ret);
        }
        if (spec.OnStartThrows is { } startMessage)
        {
            var onStart = type.DefineMethod(nameof(Strategy.OnStart), MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.HideBySig,
                typeof(void), Type.EmptyTypes);
            Throw(onStart.GetILGenerator(), startMessage);
        }
        type.CreateType();
        builder.Save(path);
    }

    /// <summary>Writes a library with one public class (abstract or not) that has a public parameterless constructor.</summary>
    public static void WriteLibrary(string path, string assemblyName, Version version, string typeName, bool isAbstract)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName(assemblyName) { Version = version }, typeof(object).Assembly);
        var module = builder.DefineDynamicModule(assemblyName);
        var attributes = TypeAttributes.Public | TypeAttributes.Class | (isAbstract ? TypeAttributes.Abstract : TypeAttributes.Sealed);
        var type = module.DefineType(typeName, attributes, typeof(object));
        type.DefineDefaultConstructor(MethodAttributes.Public);
        type.CreateType();
        builder.Save(path);
    }

    /// <summary>
    /// Loads a library written by <see cref="WriteLibrary"/> in a throwaway context and returns its type, so another
    /// emitted assembly can reference it (the reference carries the library's name and version).
    /// </summary>
    public static Type LoadType(string path, string typeName)
    {
        var context = new AssemblyLoadContext("test-library-" + Path.GetFileNameWithoutExtension(path), isCollectible: true);
        return context.LoadFromAssemblyPath(path).GetType(typeName, throwOnError: true)!;
    }

    private static void Throw(ILGenerator il, string message)
    {
        il.Emit(OpCodes.Ldstr, message);
        il.Emit(OpCodes.Newobj, typeof(InvalidOperationException).GetConstructor([typeof(string)])!);
        il.Emit(OpCodes.Throw);
    }
}
