package org.gan4j.spark.engine;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function;

/**
 * The start-up check, as one task on an executor: can it see and write the experiment's directory
 * (the driver's probe file must be there: an output on a disk of the driver's alone is not shared),
 * and does every cell's config build with the plugins it has? See {@link Engine#check}.
 */
final class Preflight implements Function<Map<String, Object>, Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    @Override
    public Map<String, Object> call(Map<String, Object> check) throws Exception {
        Map<String, Object> found = new HashMap<>();
        found.put("executor", SparkEnv.get().executorId());
        found.put("host", java.net.InetAddress.getLocalHost().getHostName());
        String uri = (String) check.get("experimentUri");
        String probe = (String) check.get("probe");
        try {
            Storage s = Storage.open(uri, Engine.hadoopConfiguration());
            if (!probe.equals(s.read(probe))) {
                found.put("outputError", "the executor on " + found.get("host") + " does not see the file " + probe
                        + " the driver has just written there, so this is not storage they share");
            } else {
                String mine = probe + "-" + found.get("executor");
                s.write(mine, mine);
                s.delete(mine);
            }
        } catch (Exception e) {
            found.put("outputError", "the executor on " + found.get("host") + " cannot use it: " + Engine.rootMessage(e));
        }
        Map<String, Object> request = new HashMap<>(check);
        request.put("action", "check");
        request.put("plugins", new java.util.ArrayList<>(Engine.pluginDirectories(check)));
        found.putAll(Gan4jWorld.worker().apply(request));
        return found;
    }
}
