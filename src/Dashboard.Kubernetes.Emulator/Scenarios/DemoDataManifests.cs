namespace Dashboard.Kubernetes.Emulator.Scenarios;

/// <summary>
/// The data and monitoring namespaces: postgres as a StatefulSet with claim templates, redis, node-exporter as a
/// DaemonSet, prometheus and grafana; a claim asking for a class that does not exist and a pod too big for any node.
/// </summary>
internal static class DemoDataManifests
{
    public const string Yaml = """
        apiVersion: v1
        kind: Secret
        metadata: {name: postgres-credentials, namespace: data}
        type: Opaque
        stringData:
          POSTGRES_USER: postgres
          POSTGRES_PASSWORD: demo-postgres-pw
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: postgres, namespace: data, labels: {app: postgres}}
        spec:
          clusterIP: None
          selector: {app: postgres}
          ports:
          - {name: postgres, port: 5432}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: postgres-read, namespace: data, labels: {app: postgres}}
        spec:
          selector: {app: postgres}
          ports:
          - {name: postgres, port: 5432, targetPort: 5432}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: postgres, namespace: data, labels: {app: postgres}}
        spec:
          serviceName: postgres
          replicas: 2
          selector: {matchLabels: {app: postgres}}
          template:
            metadata: {labels: {app: postgres}}
            spec:
              terminationGracePeriodSeconds: 60
              containers:
              - name: postgres
                image: postgres:16.4
                ports:
                - {name: postgres, containerPort: 5432}
                envFrom:
                - secretRef: {name: postgres-credentials}
                env:
                - {name: PGDATA, value: /var/lib/postgresql/data/pgdata}
                - {name: EMULATOR_MEMORY_USAGE, value: 380Mi}
                - {name: EMULATOR_CPU_USAGE, value: 90m}
                resources:
                  requests: {cpu: 250m, memory: 512Mi}
                  limits: {memory: 1Gi}
                readinessProbe:
                  exec: {command: ["pg_isready", "-U", "postgres"]}
                  periodSeconds: 10
                volumeMounts:
                - {name: data, mountPath: /var/lib/postgresql/data}
          volumeClaimTemplates:
          - metadata: {name: data}
            spec:
              accessModes: [ReadWriteOnce]
              storageClassName: standard
              resources:
                requests: {storage: 5Gi}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: postgres, namespace: data}
        spec:
          maxUnavailable: 1
          selector: {matchLabels: {app: postgres}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: redis-config, namespace: data}
        data:
          redis.conf: |
            maxmemory 200mb
            maxmemory-policy allkeys-lru
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: redis, namespace: data, labels: {app: redis}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: redis}}
          template:
            metadata: {labels: {app: redis}}
            spec:
              containers:
              - name: redis
                image: redis:7.4-alpine
                args: ["redis-server", "/etc/redis/redis.conf"]
                ports:
                - {name: redis, containerPort: 6379}
                resources:
                  requests: {cpu: 50m, memory: 64Mi}
                  limits: {memory: 256Mi}
                volumeMounts:
                - {name: config, mountPath: /etc/redis}
              volumes:
              - name: config
                configMap: {name: redis-config}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: redis, namespace: data, labels: {app: redis}}
        spec:
          selector: {app: redis}
          ports:
          - {name: redis, port: 6379, targetPort: redis}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: backups, namespace: data}
        spec:
          storageClassName: fast-retain
          accessModes: [ReadWriteOnce]
          resources:
            requests: {storage: 20Gi}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: analytics-scratch, namespace: data}
        spec:
          storageClassName: premium-ssd
          accessModes: [ReadWriteOnce]
          resources:
            requests: {storage: 50Gi}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: db-migrate, namespace: data}
        spec:
          backoffLimit: 3
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: migrate
                image: migrate/migrate:v4.17.1
                args: ["-path=/migrations", "-database=postgres://postgres@postgres:5432/shop", "up"]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: postgres-backup, namespace: data}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - name: backup
                    image: postgres:16.4
                    command: ["sh", "-c", "pg_dumpall -h postgres > /backups/all.sql"]
                    volumeMounts:
                    - {name: backups, mountPath: /backups}
                  volumes:
                  - name: backups
                    persistentVolumeClaim: {claimName: backups}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: report-builder, namespace: data, labels: {app: report-builder}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: report-builder}}
          template:
            metadata: {labels: {app: report-builder}}
            spec:
              priorityClassName: batch-low
              containers:
              - name: builder
                image: ghcr.io/acme-demo/report-builder:5.0.0
                resources:
                  requests: {cpu: "64", memory: 2Gi}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: prometheus, namespace: monitoring}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: prometheus}
        rules:
        - apiGroups: [""]
          resources: [nodes, nodes/metrics, services, endpoints, pods]
          verbs: [get, list, watch]
        - nonResourceURLs: [/metrics]
          verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: prometheus}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: prometheus}
        subjects:
        - {kind: ServiceAccount, name: prometheus, namespace: monitoring}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: prometheus-config, namespace: monitoring}
        data:
          prometheus.yml: |
            global:
              scrape_interval: 30s
            scrape_configs:
            - job_name: node-exporter
              kubernetes_sd_configs: [{role: endpoints}]
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: node-exporter, namespace: monitoring, labels: {app: node-exporter}}
        spec:
          selector: {matchLabels: {app: node-exporter}}
          updateStrategy:
            type: RollingUpdate
            rollingUpdate: {maxUnavailable: 1}
          template:
            metadata: {labels: {app: node-exporter}}
            spec:
              hostNetwork: true
              hostPID: true
              tolerations:
              - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
              containers:
              - name: node-exporter
                image: quay.io/prometheus/node-exporter:v1.8.2
                args: ["--path.rootfs=/host"]
                ports:
                - {name: metrics, containerPort: 9100}
                resources:
                  requests: {cpu: 50m, memory: 32Mi}
                  limits: {memory: 64Mi}
                volumeMounts:
                - {name: root, mountPath: /host, readOnly: true}
              volumes:
              - name: root
                hostPath: {path: /}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: prometheus, namespace: monitoring, labels: {app: prometheus}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: prometheus}}
          template:
            metadata: {labels: {app: prometheus}}
            spec:
              serviceAccountName: prometheus
              containers:
              - name: prometheus
                image: quay.io/prometheus/prometheus:v2.54.1
                args: ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.retention.time=7d"]
                ports:
                - {name: web, containerPort: 9090}
                resources:
                  requests: {cpu: 200m, memory: 512Mi}
                  limits: {memory: 1Gi}
                volumeMounts:
                - {name: config, mountPath: /etc/prometheus}
              volumes:
              - name: config
                configMap: {name: prometheus-config}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: prometheus, namespace: monitoring, labels: {app: prometheus}}
        spec:
          selector: {app: prometheus}
          ports:
          - {name: web, port: 9090, targetPort: web}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: grafana-admin, namespace: monitoring}
        type: Opaque
        stringData:
          admin-user: admin
          admin-password: grafana-demo
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: grafana, namespace: monitoring, labels: {app: grafana}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: grafana}}
          template:
            metadata: {labels: {app: grafana}}
            spec:
              containers:
              - name: grafana
                image: grafana/grafana:11.2.2
                ports:
                - {name: http, containerPort: 3000}
                env:
                - name: GF_SECURITY_ADMIN_PASSWORD
                  valueFrom: {secretKeyRef: {name: grafana-admin, key: admin-password}}
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                readinessProbe:
                  httpGet: {path: /api/health, port: http}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: grafana, namespace: monitoring, labels: {app: grafana}}
        spec:
          type: NodePort
          selector: {app: grafana}
          ports:
          - {name: http, port: 80, targetPort: http, nodePort: 30030}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: grafana, namespace: monitoring}
        spec:
          ingressClassName: nginx
          rules:
          - host: grafana.demo.local
            http:
              paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: grafana, port: {number: 80}}}
        """;
}
