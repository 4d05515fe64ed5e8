// Regenerates kube-schemas.json from the models of the @kubernetes/client-node npm package (field names and types only):
//   npm pack @kubernetes/client-node@1.3.0 && tar xzf kubernetes-client-node-1.3.0.tgz && node extract-schemas.mjs
// then copy kube-schemas.json here. Roots map apiVersion/kind to the model of each served kind.
import fs from 'fs';
const dir = 'package/dist/gen/models/';
const roots = {
  'v1/Namespace':'V1Namespace','v1/Node':'V1Node','v1/Pod':'V1Pod','v1/Service':'V1Service','v1/Endpoints':'V1Endpoints',
  'v1/ConfigMap':'V1ConfigMap','v1/Secret':'V1Secret','v1/ServiceAccount':'V1ServiceAccount','v1/PersistentVolume':'V1PersistentVolume',
  'v1/PersistentVolumeClaim':'V1PersistentVolumeClaim','v1/Event':'CoreV1Event','v1/LimitRange':'V1LimitRange','v1/ResourceQuota':'V1ResourceQuota',
  'v1/ReplicationController':'V1ReplicationController','apps/v1/Deployment':'V1Deployment','apps/v1/ReplicaSet':'V1ReplicaSet',
  'apps/v1/StatefulSet':'V1StatefulSet','apps/v1/DaemonSet':'V1DaemonSet','apps/v1/ControllerRevision':'V1ControllerRevision',
  'batch/v1/Job':'V1Job','batch/v1/CronJob':'V1CronJob','autoscaling/v2/HorizontalPodAutoscaler':'V2HorizontalPodAutoscaler',
  'policy/v1/PodDisruptionBudget':'V1PodDisruptionBudget','networking.k8s.io/v1/Ingress':'V1Ingress','networking.k8s.io/v1/IngressClass':'V1IngressClass',
  'networking.k8s.io/v1/NetworkPolicy':'V1NetworkPolicy','discovery.k8s.io/v1/EndpointSlice':'V1EndpointSlice','storage.k8s.io/v1/StorageClass':'V1StorageClass',
  'rbac.authorization.k8s.io/v1/Role':'V1Role','rbac.authorization.k8s.io/v1/RoleBinding':'V1RoleBinding','rbac.authorization.k8s.io/v1/ClusterRole':'V1ClusterRole',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding':'V1ClusterRoleBinding','events.k8s.io/v1/Event':'EventsV1Event','scheduling.k8s.io/v1/PriorityClass':'V1PriorityClass',
  'coordination.k8s.io/v1/Lease':'V1Lease','apiextensions.k8s.io/v1/CustomResourceDefinition':'V1CustomResourceDefinition',
  'policy/v1/Eviction':'V1Eviction','autoscaling/v1/Scale':'V1Scale',
};
const types = {};
function load(name) {
  if (types[name] || name === 'V1JSONSchemaProps') return;
  const src = fs.readFileSync(dir + name + '.js', 'utf8');
  const m = src.match(/attributeTypeMap = (\[[\s\S]*?\]);/);
  const arr = JSON.parse(m[1]);
  const fields = {};
  types[name] = fields;
  for (const a of arr) {
    fields[a.baseName] = (a.type === 'number' && (a.format === 'int32' || a.format === 'int64')) ? 'integer' : enc(a.type);
  }
}
function enc(t) {
  let m;
  if ((m = t.match(/^Array<(.+)>$/))) return '[]' + enc(m[1]);
  if ((m = t.match(/^\{ \[key: string\]: (.+); \}$/))) return 'map:' + enc(m[1]);
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'Date' || t === 'any' || t === 'object' || t === 'IntOrString') return t;
  if (t === 'V1JSONSchemaProps') return 'any';
  if (!fs.existsSync(dir + t + '.js')) { console.error('opaque', t); return 'any'; }
  load(t);
  return t;
}
for (const r of Object.values(roots)) load(r);
fs.writeFileSync('kube-schemas.json', JSON.stringify({roots, types}));
console.log(Object.keys(types).length);
