namespace NoteLsp.VaultGenerator;

/// <summary>Vocabulary for titles, headings and prose: a podcast about food science, making things and the physics behind them.</summary>
internal static class Words
{
    public static readonly string[] Adjectives =
    [
        "practical", "hidden", "surprising", "modern", "ancient", "slow", "rapid", "careful", "bold", "quiet",
        "invisible", "messy", "precise", "forgotten", "everyday", "extreme", "gentle", "hybrid", "local", "global",
        "early", "late", "simple", "complex", "open", "closed", "wild", "tame", "dense", "light",
        "sharp", "soft", "cold", "warm", "dry", "humid", "bitter", "sweet", "naïve", "rustic",
        "industrial", "experimental", "classic", "seasonal", "fermented", "roasted", "raw", "layered", "robust", "fragile",
    ];

    public static readonly string[] Nouns =
    [
        "fermentation", "hydration", "gluten", "crumb", "crust", "starch", "yeast", "enzymes", "acidity", "salt",
        "heat", "pressure", "steam", "friction", "viscosity", "emulsions", "foams", "gels", "crystals", "sugar",
        "caramel", "proteins", "fats", "oils", "spices", "knives", "ovens", "kilns", "glazes", "clay",
        "timber", "joinery", "metal", "alloys", "solder", "circuits", "sensors", "motors", "gears", "levers",
        "bridges", "arches", "domes", "ropes", "knots", "sails", "hulls", "tides", "winds", "clouds",
        "soil", "compost", "seeds", "roots", "grafting", "pruning", "orchards", "honey", "wax", "dyes",
        "pigments", "paper", "ink", "printing", "looms", "weaving", "knitting", "leather", "tanning", "glass",
        "lenses", "mirrors", "clocks", "pendulums", "springs", "magnets", "batteries", "solar panels", "water wheels", "windmills",
        "crème", "café culture", "pâté", "rosé", "façades", "smoke", "charcoal", "brine", "vinegar", "cheese",
    ];

    public static readonly string[] Fields =
    [
        "home baking", "restaurant kitchens", "small workshops", "traditional crafts", "engineering", "chemistry", "physics", "biology",
        "architecture", "agriculture", "shipbuilding", "pottery", "metalwork", "woodworking", "textiles", "photography",
        "electronics", "robotics", "brewing", "cheesemaking", "gardening", "beekeeping", "printmaking", "glassblowing",
        "clockmaking", "toolmaking", "food safety", "nutrition", "climate", "history", "economics", "design",
        "everyday life", "the nineteenth century", "the modern kitchen", "mountain villages", "coastal towns", "city markets", "the laboratory", "the classroom",
    ];

    /// <summary>Plain words for sentences (ASCII; a few sentences add other scripts on purpose).</summary>
    public static readonly string[] Prose =
    [
        "the", "a", "this", "that", "every", "some", "many", "most", "our", "their",
        "process", "method", "idea", "result", "approach", "question", "problem", "answer", "detail", "moment",
        "guest", "host", "maker", "baker", "engineer", "chemist", "farmer", "student", "teacher", "expert",
        "explains", "shows", "argues", "suggests", "notes", "describes", "compares", "demonstrates", "questions", "revisits",
        "why", "how", "when", "where", "because", "while", "although", "since", "until", "after",
        "carefully", "slowly", "quickly", "often", "rarely", "always", "usually", "clearly", "roughly", "exactly",
        "temperature", "time", "texture", "flavour", "strength", "shape", "surface", "structure", "balance", "pattern",
        "works", "fails", "changes", "improves", "matters", "depends", "repeats", "holds", "breaks", "grows",
        "with", "without", "under", "over", "through", "between", "against", "around", "into", "from",
        "small", "large", "long", "short", "first", "second", "final", "new", "old", "same",
    ];

    public static readonly string[] Openers =
    [
        "In this part of the conversation", "Early in the episode", "A little later", "According to the guest",
        "As the host points out", "Looking back at the experiment", "To make the point concrete", "Interestingly",
        "From a practical point of view", "In the workshop", "On closer inspection", "Taken together",
    ];

    /// <summary>Fragments in other scripts: columns after them are counted in UTF-16 code units.</summary>
    public static readonly string[] Unicode = ["🍞", "🔥🧪", "面包", "naïveté", "Ünterschied", "—", "“quoted”", "🧑‍🍳"];

    public static readonly string[] ChannelFirst =
    [
        "Kitchen", "Crumb", "Maker", "Workshop", "Lab", "Garden", "Forge", "Studio", "Field", "Bench",
        "Oven", "Loom", "Harbor", "Orchard", "Tinker", "Ferment",
    ];

    public static readonly string[] ChannelSecond =
    [
        "Physics", "Notes", "Talks", "Science", "Stories", "Hours", "Diaries", "Sessions", "Weekly", "Explained",
        "Radio", "Journal", "Hacks", "Basics", "Deep Dives", "Chronicles",
    ];

    public static readonly string[] Tags =
    [
        "baking", "science", "craft", "history", "engineering", "food", "materials", "chemistry", "design", "interview",
        "lecture", "tools", "nature", "energy",
    ];

    public static readonly string[] Folders = ["interviews", "lectures", "series/basics", "series/advanced", "archive/2023"];

    public static readonly string[] CalloutKinds = ["info", "note", "tip", "quote"];
}
