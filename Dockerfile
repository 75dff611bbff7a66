# Build: docker build -t policysearch .
# Run:   docker run -p 8080:8080 policysearch                      (built-in sample corpus)
#        docker run -p 8080:8080 -v /path/to/corpus:/corpus policysearch \
#          sh -c 'indexer -corpus /corpus -index /index && searchd -index /index -addr :8080'
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/indexer ./indexer && \
    CGO_ENABLED=0 go build -trimpath -o /out/searchd ./searchd

FROM debian:bookworm-slim
COPY --from=build /out/indexer /out/searchd /usr/local/bin/
EXPOSE 8080
CMD ["searchd", "-addr", ":8080"]
