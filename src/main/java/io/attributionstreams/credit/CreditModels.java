package io.attributionstreams.credit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The registry of models, discovered with {@link ServiceLoader}. */
public final class CreditModels {
    public static final String DEFAULT = "daily_split";

    private static final Map<String, CreditModel> BY_NAME = load();

    private CreditModels() {
    }

    private static Map<String, CreditModel> load() {
        Map<String, CreditModel> models = new TreeMap<>();
        for (CreditModel model : ServiceLoader.load(CreditModel.class, CreditModel.class.getClassLoader())) {
            if (models.put(model.name(), model) != null) {
                throw new IllegalStateException("two credit models are named " + model.name());
            }
        }
        return Map.copyOf(models);
    }

    /** Every known model name, sorted. */
    public static List<String> names() {
        return new ArrayList<>(new TreeMap<>(BY_NAME).keySet());
    }

    public static CreditModel named(String name) {
        CreditModel model = BY_NAME.get(name);
        if (model == null) {
            throw new IllegalArgumentException("unknown model '" + name + "' (known: " + String.join(", ", names())
                    + ", markov)");
        }
        return model;
    }

    /** Models by name, in the order given, each once. */
    public static List<CreditModel> named(List<String> names) {
        List<CreditModel> models = new ArrayList<>();
        for (String name : names) {
            CreditModel model = named(name.strip());
            if (!models.contains(model)) {
                models.add(model);
            }
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model is needed");
        }
        return List.copyOf(models);
    }
}
