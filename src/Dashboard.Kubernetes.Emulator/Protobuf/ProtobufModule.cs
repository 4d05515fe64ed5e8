namespace Dashboard.Kubernetes.Emulator.Protobuf;

/// <summary>Lets every handler read protobuf request bodies as JSON objects.</summary>
internal sealed class ProtobufModule : IEmulatorModule
{
    public void Register(EmulatorContext context) => context.BodyDecoders.Add(new ProtobufBodyDecoder(ProtoSchema.Default));
}
