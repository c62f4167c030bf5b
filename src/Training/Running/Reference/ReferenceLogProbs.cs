namespace Forgetless.Training.Running.Reference;

/// <summary>The reference model's summed response log-probs of every preference example, by example index.</summary>
public sealed record ReferenceLogProbs(float[] Chosen, float[] Rejected)
{
    public int Count => Chosen.Length;

    public void Save(string path)
    {
        var temporary = path + ".partial";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Count);
            foreach (var value in Chosen.Concat(Rejected))
            {
                writer.Write(value);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static ReferenceLogProbs Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var count = reader.ReadInt32();
        var chosen = new float[count];
        var rejected = new float[count];
        for (var i = 0; i < count; i++)
        {
            chosen[i] = reader.ReadSingle();
        }

        for (var i = 0; i < count; i++)
        {
            rejected[i] = reader.ReadSingle();
        }

        return new ReferenceLogProbs(chosen, rejected);
    }
}
