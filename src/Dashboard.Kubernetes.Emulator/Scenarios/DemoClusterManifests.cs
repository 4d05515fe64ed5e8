namespace Dashboard.Kubernetes.Emulator.Scenarios;

/// <summary>Cluster-wide objects of the demo: namespaces, classes, system workloads and RBAC for its users.</summary>
internal static class DemoClusterManifests
{
    public const string Yaml = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: storefront, environment: production}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: payments, labels: {team: payments, environment: production, compliance: pci}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: monitoring, labels: {team: platform}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: data, labels: {team: data, environment: production}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: ingress-nginx, labels: {app.kubernetes.io/name: ingress-nginx}}
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: system-cluster-critical}
        value: 2000000000
        description: Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: system-node-critical}
        value: 2000001000
        description: Used for system critical pods that must not be moved from their current node.
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: business-critical}
        value: 100000
        preemptionPolicy: PreemptLowerPriority
        description: Customer-facing services that must keep running.
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: batch-low}
        value: -10
        preemptionPolicy: Never
        description: Batch work that yields to everything else.
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: standard
          annotations: {storageclass.kubernetes.io/is-default-class: "true"}
        provisioner: rancher.io/local-path
        reclaimPolicy: Delete
        volumeBindingMode: WaitForFirstConsumer
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: fast-retain}
        provisioner: rancher.io/local-path
        reclaimPolicy: Retain
        volumeBindingMode: Immediate
        allowVolumeExpansion: true
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: nginx
          labels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}
          annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
        spec: {controller: k8s.io/ingress-nginx}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: coredns, namespace: kube-system}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: kube-proxy, namespace: kube-system}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: coredns, namespace: kube-system}
        data:
          Corefile: |
            .:53 {
                errors
                health {
                   lameduck 5s
                }
                ready
                kubernetes cluster.local in-addr.arpa ip6.arpa {
                   pods insecure
                   fallthrough in-addr.arpa ip6.arpa
                   ttl 30
                }
                prometheus :9153
                forward . /etc/resolv.conf {
                   max_concurrent 1000
                }
                cache 30
                loop
                reload
                loadbalance
            }
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: kube-proxy
          namespace: kube-system
          labels: {app: kube-proxy}
        data:
          config.conf: |
            apiVersion: kubeproxy.config.k8s.io/v1alpha1
            kind: KubeProxyConfiguration
            clusterCIDR: 10.244.0.0/16
            mode: iptables
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: coredns
          namespace: kube-system
          labels: {k8s-app: kube-dns}
        spec:
          replicas: 2
          selector: {matchLabels: {k8s-app: kube-dns}}
          template:
            metadata: {labels: {k8s-app: kube-dns}}
            spec:
              priorityClassName: system-cluster-critical
              serviceAccountName: coredns
              volumes:
              - name: config-volume
                configMap:
                  name: coredns
                  items:
                  - {key: Corefile, path: Corefile}
              tolerations:
              - {key: CriticalAddonsOnly, operator: Exists}
              - {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}
              containers:
              - name: coredns
                image: registry.k8s.io/coredns/coredns:v1.11.3
                args: ["-conf", "/etc/coredns/Corefile"]
                ports:
                - {name: dns, containerPort: 53, protocol: UDP}
                - {name: dns-tcp, containerPort: 53, protocol: TCP}
                - {name: metrics, containerPort: 9153, protocol: TCP}
                resources:
                  requests: {cpu: 100m, memory: 70Mi}
                  limits: {memory: 170Mi}
                readinessProbe:
                  httpGet: {path: /ready, port: 8181}
                livenessProbe:
                  httpGet: {path: /health, port: 8080}
                  initialDelaySeconds: 60
                volumeMounts:
                - {name: config-volume, mountPath: /etc/coredns, readOnly: true}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: kube-dns
          namespace: kube-system
          labels: {k8s-app: kube-dns, kubernetes.io/name: CoreDNS}
        spec:
          clusterIP: 10.96.0.10
          selector: {k8s-app: kube-dns}
          ports:
          - {name: dns, port: 53, protocol: UDP, targetPort: 53}
          - {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}
          - {name: metrics, port: 9153, protocol: TCP, targetPort: 9153}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: kube-proxy
          namespace: kube-system
          labels: {k8s-app: kube-proxy}
        spec:
          selector: {matchLabels: {k8s-app: kube-proxy}}
          template:
            metadata: {labels: {k8s-app: kube-proxy}}
            spec:
              hostNetwork: true
              priorityClassName: system-node-critical
              serviceAccountName: kube-proxy
              tolerations:
              - {operator: Exists}
              volumes:
              - name: kube-proxy
                configMap: {name: kube-proxy}
              containers:
              - name: kube-proxy
                image: registry.k8s.io/kube-proxy:v1.32.4
                command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"]
                env:
                - name: NODE_NAME
                  valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
                securityContext: {privileged: true}
                volumeMounts:
                - {name: kube-proxy, mountPath: /var/lib/kube-proxy}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ingress-nginx-controller
          namespace: ingress-nginx
          labels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}
        spec:
          replicas: 1
          selector: {matchLabels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}}
          template:
            metadata: {labels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}}
            spec:
              containers:
              - name: controller
                image: registry.k8s.io/ingress-nginx/controller:v1.11.3
                args: ["/nginx-ingress-controller", "--ingress-class=nginx"]
                ports:
                - {name: http, containerPort: 80}
                - {name: https, containerPort: 443}
                resources:
                  requests: {cpu: 100m, memory: 90Mi}
                readinessProbe:
                  httpGet: {path: /healthz, port: 10254}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: ingress-nginx-controller
          namespace: ingress-nginx
          labels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}
        spec:
          type: LoadBalancer
          selector: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}
          ports:
          - {name: http, port: 80, targetPort: http}
          - {name: https, port: 443, targetPort: https}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: namespace-reader}
        rules:
        - apiGroups: [""]
          resources: [namespaces]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: developer-namespace-reader}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: namespace-reader}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: User, name: developer}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: developer-edit, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: User, name: developer}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: developer-edit, namespace: payments}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: User, name: developer}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: viewer-view}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: User, name: viewer}
        """;
}
