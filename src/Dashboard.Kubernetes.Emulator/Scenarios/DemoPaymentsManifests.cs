namespace Dashboard.Kubernetes.Emulator.Scenarios;

/// <summary>
/// The payments namespace: an API with a PDB, batch work (a CronJob, a finished Job, a failing Job) and two broken
/// deployments (a crash loop, a worker killed for exceeding its memory limit).
/// </summary>
internal static class DemoPaymentsManifests
{
    public const string Yaml = """
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: object-counts, namespace: payments}
        spec:
          hard:
            count/deployments.apps: "10"
            count/jobs.batch: "20"
            configmaps: "20"
            secrets: "20"
            services: "10"
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: payments-api, namespace: payments}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: payments-config, namespace: payments}
        data:
          CURRENCY_DEFAULT: EUR
          SETTLEMENT_WINDOW: 24h
          PROVIDER_TIMEOUT: 15s
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: payment-provider, namespace: payments}
        type: Opaque
        stringData:
          api-key: sk_demo_4eC39HqLyjWDarjtT1zdp7dc
          webhook-secret: whsec_demo_8d1b
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: payments-api
          namespace: payments
          labels: {app: payments-api}
        spec:
          replicas: 2
          selector: {matchLabels: {app: payments-api}}
          template:
            metadata: {labels: {app: payments-api}}
            spec:
              serviceAccountName: payments-api
              priorityClassName: business-critical
              containers:
              - name: api
                image: ghcr.io/acme-demo/payments-api:3.2.0
                ports:
                - {name: http, containerPort: 8080}
                - {name: metrics, containerPort: 9090}
                envFrom:
                - configMapRef: {name: payments-config}
                env:
                - name: PROVIDER_API_KEY
                  valueFrom: {secretKeyRef: {name: payment-provider, key: api-key}}
                - {name: EMULATOR_CPU_USAGE, value: 180m}
                - {name: EMULATOR_MEMORY_USAGE, value: 210Mi}
                resources:
                  requests: {cpu: 250m, memory: 256Mi}
                  limits: {cpu: "1", memory: 512Mi}
                readinessProbe:
                  httpGet: {path: /ready, port: http}
                livenessProbe:
                  httpGet: {path: /live, port: http}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: payments-api, namespace: payments, labels: {app: payments-api}}
        spec:
          selector: {app: payments-api}
          ports:
          - {name: http, port: 80, targetPort: http}
          - {name: metrics, port: 9090, targetPort: metrics}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: payments-api, namespace: payments}
        spec:
          maxUnavailable: 1
          selector: {matchLabels: {app: payments-api}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: fraud-detector
          namespace: payments
          labels: {app: fraud-detector}
        spec:
          replicas: 1
          selector: {matchLabels: {app: fraud-detector}}
          template:
            metadata: {labels: {app: fraud-detector}}
            spec:
              containers:
              - name: detector
                image: ghcr.io/acme-demo/fraud-detector:1.4.0
                command: ["sh", "-c"]
                args: ["echo loading model from /models/fraud.onnx; sleep 1; echo 'fatal: model file not found' >&2; exit 1"]
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ledger-worker
          namespace: payments
          labels: {app: ledger-worker}
        spec:
          replicas: 1
          selector: {matchLabels: {app: ledger-worker}}
          template:
            metadata: {labels: {app: ledger-worker}}
            spec:
              containers:
              - name: worker
                image: ghcr.io/acme-demo/ledger-worker:2.0.3
                env:
                - {name: BATCH_SIZE, value: "50000"}
                - {name: EMULATOR_MEMORY_USAGE, value: 600Mi}
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                  limits: {memory: 256Mi}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: settlement, namespace: payments}
        spec:
          schedule: "*/30 * * * *"
          concurrencyPolicy: Forbid
          successfulJobsHistoryLimit: 3
          failedJobsHistoryLimit: 1
          jobTemplate:
            spec:
              backoffLimit: 2
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - name: settle
                    image: ghcr.io/acme-demo/settlement:3.2.0
                    args: ["--window=30m"]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: reconcile-statements, namespace: payments}
        spec:
          backoffLimit: 4
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: reconcile
                image: ghcr.io/acme-demo/settlement:3.2.0
                args: ["reconcile", "--since=2024-01-01"]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: import-bank-files, namespace: payments}
        spec:
          backoffLimit: 1
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: import
                image: ghcr.io/acme-demo/bank-import:0.3.1
                command: ["sh", "-c", "echo connecting to sftp.bank.example; sleep 1; echo 'permission denied' >&2; exit 2"]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-from-shop, namespace: payments}
        spec:
          podSelector: {matchLabels: {app: payments-api}}
          policyTypes: [Ingress]
          ingress:
          - from:
            - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}
            ports:
            - {protocol: TCP, port: 8080}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: payments-webhooks, namespace: payments}
        spec:
          ingressClassName: nginx
          rules:
          - host: pay.demo.local
            http:
              paths:
              - path: /webhooks
                pathType: Prefix
                backend: {service: {name: payments-api, port: {name: http}}}
        """;
}
