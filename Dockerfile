# Build: the .NET 9 SDK plus Node.js for the front-end bundle (xterm.js, CodeMirror via esbuild).
FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Dashboard.Web -c Release -o /app

# Run: self-contained, so only the native dependencies (ICU included, for English and Chinese) are needed.
FROM mcr.microsoft.com/dotnet/runtime-deps:9.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_gcServer=0
EXPOSE 8080
USER 1654
ENTRYPOINT ["./Dashboard.Web"]
